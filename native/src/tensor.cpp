// Tensor lifetime, metadata, creation and autograd.
#include "internal.h"

using namespace gml;

extern "C" {

void gml_tensor_free(gml_tensor t) { delete reinterpret_cast<torch::Tensor*>(t); }
int32_t gml_tensor_alias(gml_tensor t, gml_tensor* out) { GML_OUT(T(t)) }
int32_t gml_tensor_ndim(gml_tensor t, int64_t* out) { GML_TRY(*out = T(t).dim()) }

int32_t gml_tensor_sizes(gml_tensor t, int64_t* out, int32_t capacity) {
    GML_TRY(auto s = T(t).sizes(); if ((int64_t)s.size() > capacity) throw std::length_error("sizes buffer too small");
            for (size_t i = 0; i < s.size(); ++i) out[i] = s[i])
}
int32_t gml_tensor_strides(gml_tensor t, int64_t* out, int32_t capacity) {
    GML_TRY(auto s = T(t).strides(); if ((int64_t)s.size() > capacity) throw std::length_error("strides buffer too small");
            for (size_t i = 0; i < s.size(); ++i) out[i] = s[i])
}
int32_t gml_tensor_numel(gml_tensor t, int64_t* out) { GML_TRY(*out = T(t).numel()) }
int32_t gml_tensor_dtype(gml_tensor t, int32_t* out) { GML_TRY(*out = static_cast<int32_t>(T(t).scalar_type())) }
int32_t gml_tensor_is_contiguous(gml_tensor t, int32_t* out) { GML_TRY(*out = T(t).is_contiguous() ? 1 : 0) }
int32_t gml_tensor_data_ptr(gml_tensor t, void** out) { GML_TRY(*out = T(t).data_ptr()) }
int32_t gml_tensor_item(gml_tensor t, double* out) { GML_TRY(*out = T(t).item<double>()) }

int32_t gml_from_blob(const void* data, const int64_t* shape, int32_t ndim, int32_t dtype, int32_t requires_grad, gml_tensor* out) {
    // from_blob borrows; clone so that the tensor owns its memory and the managed array may move or die.
    GML_OUT(torch::from_blob(const_cast<void*>(data), dims(shape, ndim), opts(dtype)).clone().set_requires_grad(requires_grad != 0))
}
int32_t gml_empty(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t requires_grad, gml_tensor* out) {
    GML_OUT(torch::empty(dims(shape, ndim), opts(dtype, requires_grad)))
}
int32_t gml_full(const int64_t* shape, int32_t ndim, double value, int32_t dtype, int32_t requires_grad, gml_tensor* out) {
    GML_OUT(torch::full(dims(shape, ndim), value, opts(dtype, requires_grad)))
}
int32_t gml_randn(const int64_t* shape, int32_t ndim, int32_t dtype, gml_generator g, int32_t requires_grad, gml_tensor* out) {
    GML_OUT(at::randn(dims(shape, ndim), gen(g), opts(dtype)).set_requires_grad(requires_grad != 0))
}
int32_t gml_rand(const int64_t* shape, int32_t ndim, int32_t dtype, gml_generator g, int32_t requires_grad, gml_tensor* out) {
    GML_OUT(at::rand(dims(shape, ndim), gen(g), opts(dtype)).set_requires_grad(requires_grad != 0))
}
int32_t gml_randint(int64_t low, int64_t high, const int64_t* shape, int32_t ndim, gml_generator g, gml_tensor* out) {
    GML_OUT(at::randint(low, high, dims(shape, ndim), gen(g), torch::TensorOptions().dtype(torch::kInt64)))
}
int32_t gml_randperm(int64_t n, gml_generator g, gml_tensor* out) {
    GML_OUT(at::randperm(n, gen(g), torch::TensorOptions().dtype(torch::kInt64)))
}
int32_t gml_arange(double start, double end, double step, int32_t dtype, gml_tensor* out) {
    GML_OUT(torch::arange(start, end, step, opts(dtype)))
}
int32_t gml_bernoulli(gml_tensor probs, gml_generator g, gml_tensor* out) { GML_OUT(at::bernoulli(T(probs), gen(g))) }
int32_t gml_uniform_(gml_tensor t, double low, double high, gml_generator g) { GML_TRY(T(t).uniform_(low, high, gen(g))) }
int32_t gml_normal_(gml_tensor t, double mean, double std, gml_generator g) { GML_TRY(T(t).normal_(mean, std, gen(g))) }

int32_t gml_requires_grad(gml_tensor t, int32_t* out) { GML_TRY(*out = T(t).requires_grad() ? 1 : 0) }
int32_t gml_set_requires_grad(gml_tensor t, int32_t value) { GML_TRY(T(t).set_requires_grad(value != 0)) }
int32_t gml_is_leaf(gml_tensor t, int32_t* out) { GML_TRY(*out = T(t).is_leaf() ? 1 : 0) }
int32_t gml_grad(gml_tensor t, gml_tensor* out) {
    GML_TRY(const auto& g = T(t).grad(); *out = g.defined() ? wrap(g) : nullptr)
}
int32_t gml_set_grad(gml_tensor t, gml_tensor grad_or_null) { GML_TRY(T(t).mutable_grad() = opt(grad_or_null)) }
int32_t gml_backward(gml_tensor t, gml_tensor grad_or_null, int32_t retain_graph, int32_t create_graph) {
    GML_TRY(T(t).backward(opt(grad_or_null), retain_graph ? c10::optional<bool>(true) : c10::nullopt, create_graph != 0))
}
int32_t gml_detach(gml_tensor t, gml_tensor* out) { GML_OUT(T(t).detach()) }
int32_t gml_detach_(gml_tensor t) { GML_TRY(T(t).detach_()) }

}  // extern "C"

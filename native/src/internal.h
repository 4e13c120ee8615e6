// Shared plumbing of the shim: the error channel and handle conversions.
#pragma once
#include <torch/torch.h>
#include <string>
#include <vector>
#include "gml_torch.h"

namespace gml {

void set_error(const char* message);

inline torch::Tensor& T(gml_tensor h) { return *reinterpret_cast<torch::Tensor*>(h); }

// Optional handles arrive as null pointers; an undefined tensor is what libtorch calls "absent".
inline torch::Tensor opt(gml_tensor h) { return h ? T(h) : torch::Tensor(); }

inline gml_tensor wrap(torch::Tensor t) { return reinterpret_cast<gml_tensor>(new torch::Tensor(std::move(t))); }

inline at::IntArrayRef dims(const int64_t* p, int32_t n) { return at::IntArrayRef(p, static_cast<size_t>(n)); }

inline c10::optional<at::Generator> gen(gml_generator g) {
    if (!g) return c10::nullopt;
    return *reinterpret_cast<at::Generator*>(g);
}

inline torch::TensorOptions opts(int32_t dtype, int32_t requires_grad = 0) {
    return torch::TensorOptions().dtype(static_cast<c10::ScalarType>(dtype)).requires_grad(requires_grad != 0);
}

inline std::vector<torch::Tensor> list(const gml_tensor* ts, int32_t n) {
    std::vector<torch::Tensor> v;
    v.reserve(static_cast<size_t>(n));
    for (int32_t i = 0; i < n; ++i) v.push_back(T(ts[i]));
    return v;
}

}  // namespace gml

// Every exported function body runs inside GML_TRY: libtorch's exceptions become a status and a message.
#define GML_TRY(...)                                                              \
    try {                                                                         \
        __VA_ARGS__;                                                              \
        return 0;                                                                 \
    } catch (const c10::Error& e) {                                               \
        gml::set_error(e.what_without_backtrace());                               \
        return 1;                                                                 \
    } catch (const std::exception& e) {                                           \
        gml::set_error(e.what());                                                 \
        return 1;                                                                 \
    } catch (...) {                                                               \
        gml::set_error("unknown native error in gml_torch");                      \
        return 1;                                                                 \
    }

#define GML_OUT(expr) GML_TRY(*out = gml::wrap(expr))

/*
 * gml_torch: a flat C ABI over libtorch for the TorchSharp stand-in (compat/TorchSharp).
 *
 * Rules of the boundary:
 *  - every function returns a status: 0 is success, anything else is failure;
 *  - after a failure, gml_last_error() returns libtorch's message (thread-local, valid until the next call);
 *  - no C++ exception ever crosses this boundary;
 *  - tensors and generators are opaque handles owned by the caller, released with their *_free function.
 *
 * Element-wise and reduction operations are addressed by small op codes (below) rather than one symbol each:
 * the managed side stays a thin table and a new op is one line on each side.
 */
#ifndef GML_TORCH_H
#define GML_TORCH_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GML_ABI_VERSION 1

#if defined(_WIN32)
#define GML_API __declspec(dllexport)
#else
#define GML_API __attribute__((visibility("default")))
#endif

typedef struct gml_tensor_opaque* gml_tensor;
typedef struct gml_generator_opaque* gml_generator;

/* dtypes use libtorch's ScalarType numbering (the same numbers TorchSharp's ScalarType enum uses) */

enum gml_unary_op {
    GML_NEG = 0, GML_EXP, GML_LOG, GML_SQRT, GML_ABS, GML_RELU, GML_SIGMOID, GML_TANH, GML_SQUARE,
    GML_RSQRT, GML_SIGN, GML_LOG1P, GML_EXPM1, GML_SIN, GML_COS, GML_GELU, GML_GELU_TANH, GML_FLOOR,
    GML_CEIL, GML_ROUND, GML_RECIPROCAL, GML_ISNAN, GML_ISINF, GML_ISFINITE, GML_LOGICAL_NOT, GML_ZERO,
    GML_LOGSIGMOID, GML_ERF
};

enum gml_binary_op {
    GML_ADD = 0, GML_SUB, GML_MUL, GML_DIV, GML_POW, GML_MAXIMUM, GML_MINIMUM, GML_EQ, GML_NE, GML_LT,
    GML_LE, GML_GT, GML_GE, GML_ATAN2, GML_REMAINDER, GML_LOGICAL_AND, GML_LOGICAL_OR
};

enum gml_reduce_op {
    GML_SUM = 0, GML_MEAN, GML_AMAX, GML_AMIN, GML_PROD, GML_VAR, GML_STD, GML_LOGSUMEXP, GML_NORM2,
    GML_ANY, GML_ALL
};

enum gml_reduction { GML_REDUCTION_NONE = 0, GML_REDUCTION_MEAN = 1, GML_REDUCTION_SUM = 2 };

/* library */
GML_API int32_t gml_abi_version(void);
GML_API const char* gml_last_error(void);
GML_API int32_t gml_set_num_threads(int32_t n);
GML_API int32_t gml_get_num_threads(int32_t* out);
GML_API int32_t gml_manual_seed(uint64_t seed);
GML_API int32_t gml_set_grad_enabled(int32_t enabled, int32_t* previous);
GML_API int32_t gml_is_grad_enabled(int32_t* out);

/* generators */
GML_API int32_t gml_generator_new(uint64_t seed, gml_generator* out);
GML_API void gml_generator_free(gml_generator g);
GML_API int32_t gml_generator_seed(gml_generator g, uint64_t seed);
GML_API int32_t gml_generator_initial_seed(gml_generator g, uint64_t* out);

/* tensor lifetime and metadata */
GML_API void gml_tensor_free(gml_tensor t);
GML_API int32_t gml_tensor_alias(gml_tensor t, gml_tensor* out);
GML_API int32_t gml_tensor_ndim(gml_tensor t, int64_t* out);
GML_API int32_t gml_tensor_sizes(gml_tensor t, int64_t* out, int32_t capacity);
GML_API int32_t gml_tensor_strides(gml_tensor t, int64_t* out, int32_t capacity);
GML_API int32_t gml_tensor_numel(gml_tensor t, int64_t* out);
GML_API int32_t gml_tensor_dtype(gml_tensor t, int32_t* out);
GML_API int32_t gml_tensor_is_contiguous(gml_tensor t, int32_t* out);
GML_API int32_t gml_tensor_data_ptr(gml_tensor t, void** out);
GML_API int32_t gml_tensor_item(gml_tensor t, double* out);

/* creation; gen may be null (the global generator) */
GML_API int32_t gml_from_blob(const void* data, const int64_t* shape, int32_t ndim, int32_t dtype, int32_t requires_grad, gml_tensor* out);
GML_API int32_t gml_empty(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t requires_grad, gml_tensor* out);
GML_API int32_t gml_full(const int64_t* shape, int32_t ndim, double value, int32_t dtype, int32_t requires_grad, gml_tensor* out);
GML_API int32_t gml_randn(const int64_t* shape, int32_t ndim, int32_t dtype, gml_generator gen, int32_t requires_grad, gml_tensor* out);
GML_API int32_t gml_rand(const int64_t* shape, int32_t ndim, int32_t dtype, gml_generator gen, int32_t requires_grad, gml_tensor* out);
GML_API int32_t gml_randint(int64_t low, int64_t high, const int64_t* shape, int32_t ndim, gml_generator gen, gml_tensor* out);
GML_API int32_t gml_randperm(int64_t n, gml_generator gen, gml_tensor* out);
GML_API int32_t gml_arange(double start, double end, double step, int32_t dtype, gml_tensor* out);
GML_API int32_t gml_bernoulli(gml_tensor probs, gml_generator gen, gml_tensor* out);
GML_API int32_t gml_uniform_(gml_tensor t, double low, double high, gml_generator gen);
GML_API int32_t gml_normal_(gml_tensor t, double mean, double std, gml_generator gen);

/* autograd */
GML_API int32_t gml_requires_grad(gml_tensor t, int32_t* out);
GML_API int32_t gml_set_requires_grad(gml_tensor t, int32_t value);
GML_API int32_t gml_is_leaf(gml_tensor t, int32_t* out);
GML_API int32_t gml_grad(gml_tensor t, gml_tensor* out); /* *out is null when no gradient exists */
GML_API int32_t gml_set_grad(gml_tensor t, gml_tensor grad_or_null);
GML_API int32_t gml_backward(gml_tensor t, gml_tensor grad_or_null, int32_t retain_graph, int32_t create_graph);
GML_API int32_t gml_detach(gml_tensor t, gml_tensor* out);
GML_API int32_t gml_detach_(gml_tensor t);

/* element-wise */
GML_API int32_t gml_unary(int32_t op, gml_tensor t, gml_tensor* out);
GML_API int32_t gml_unary_(int32_t op, gml_tensor t);
GML_API int32_t gml_binary(int32_t op, gml_tensor a, gml_tensor b, gml_tensor* out);
GML_API int32_t gml_binary_(int32_t op, gml_tensor a, gml_tensor b);
GML_API int32_t gml_binary_scalar(int32_t op, gml_tensor a, double b, gml_tensor* out);
GML_API int32_t gml_binary_scalar_(int32_t op, gml_tensor a, double b);
GML_API int32_t gml_scalar_binary(int32_t op, double a, gml_tensor b, gml_tensor* out);
GML_API int32_t gml_add_alpha(gml_tensor a, gml_tensor b, double alpha, int32_t inplace, gml_tensor* out);
GML_API int32_t gml_addcmul(gml_tensor t, gml_tensor a, gml_tensor b, double value, int32_t inplace, gml_tensor* out);
GML_API int32_t gml_addcdiv(gml_tensor t, gml_tensor a, gml_tensor b, double value, int32_t inplace, gml_tensor* out);
GML_API int32_t gml_clamp(gml_tensor t, int32_t has_min, double min, int32_t has_max, double max, int32_t inplace, gml_tensor* out);
GML_API int32_t gml_where(gml_tensor cond, gml_tensor a, gml_tensor b, gml_tensor* out);
GML_API int32_t gml_fill_(gml_tensor t, double value);
GML_API int32_t gml_copy_(gml_tensor dst, gml_tensor src);
GML_API int32_t gml_to_dtype(gml_tensor t, int32_t dtype, gml_tensor* out);
GML_API int32_t gml_clone(gml_tensor t, gml_tensor* out);
GML_API int32_t gml_contiguous(gml_tensor t, gml_tensor* out);
GML_API int32_t gml_leaky_relu(gml_tensor t, double slope, gml_tensor* out);
GML_API int32_t gml_softplus(gml_tensor t, double beta, double threshold, gml_tensor* out);
GML_API int32_t gml_softmax(gml_tensor t, int64_t dim, int32_t log, gml_tensor* out);

/* reductions: dims null / ndims 0 reduces everything */
GML_API int32_t gml_reduce(int32_t op, gml_tensor t, const int64_t* dims, int32_t ndims, int32_t keepdim, gml_tensor* out);
GML_API int32_t gml_arg_reduce(int32_t is_max, gml_tensor t, int32_t has_dim, int64_t dim, int32_t keepdim, gml_tensor* out);
GML_API int32_t gml_max_dim(int32_t is_max, gml_tensor t, int64_t dim, int32_t keepdim, gml_tensor* values, gml_tensor* indices);

/* linear algebra and shape */
GML_API int32_t gml_matmul(gml_tensor a, gml_tensor b, gml_tensor* out);
GML_API int32_t gml_cat(const gml_tensor* ts, int32_t n, int64_t dim, gml_tensor* out);
GML_API int32_t gml_stack(const gml_tensor* ts, int32_t n, int64_t dim, gml_tensor* out);
GML_API int32_t gml_reshape(gml_tensor t, const int64_t* shape, int32_t ndim, gml_tensor* out);
GML_API int32_t gml_view(gml_tensor t, const int64_t* shape, int32_t ndim, gml_tensor* out);
GML_API int32_t gml_flatten(gml_tensor t, int64_t start, int64_t end, gml_tensor* out);
GML_API int32_t gml_transpose(gml_tensor t, int64_t d0, int64_t d1, gml_tensor* out);
GML_API int32_t gml_permute(gml_tensor t, const int64_t* dims, int32_t ndim, gml_tensor* out);
GML_API int32_t gml_unsqueeze(gml_tensor t, int64_t dim, gml_tensor* out);
GML_API int32_t gml_squeeze(gml_tensor t, int32_t has_dim, int64_t dim, gml_tensor* out);
GML_API int32_t gml_expand(gml_tensor t, const int64_t* shape, int32_t ndim, gml_tensor* out);
GML_API int32_t gml_narrow(gml_tensor t, int64_t dim, int64_t start, int64_t length, gml_tensor* out);
GML_API int32_t gml_index_select(gml_tensor t, int64_t dim, gml_tensor index, gml_tensor* out);
GML_API int32_t gml_gather(gml_tensor t, int64_t dim, gml_tensor index, gml_tensor* out);
GML_API int32_t gml_one_hot(gml_tensor t, int64_t num_classes, gml_tensor* out);
GML_API int32_t gml_allclose(gml_tensor a, gml_tensor b, double rtol, double atol, int32_t* out);

/* neural-network functions */
GML_API int32_t gml_linear(gml_tensor x, gml_tensor w, gml_tensor b_or_null, gml_tensor* out);
GML_API int32_t gml_conv2d(gml_tensor x, gml_tensor w, gml_tensor b_or_null, const int64_t* stride, const int64_t* padding,
                           const int64_t* dilation, int64_t groups, gml_tensor* out);
GML_API int32_t gml_conv_transpose2d(gml_tensor x, gml_tensor w, gml_tensor b_or_null, const int64_t* stride, const int64_t* padding,
                                     const int64_t* output_padding, const int64_t* dilation, int64_t groups, gml_tensor* out);
GML_API int32_t gml_batch_norm(gml_tensor x, gml_tensor w_or_null, gml_tensor b_or_null, gml_tensor mean_or_null, gml_tensor var_or_null,
                               int32_t training, double momentum, double eps, gml_tensor* out);
GML_API int32_t gml_dropout(gml_tensor x, double p, int32_t training, int32_t inplace, gml_tensor* out);
GML_API int32_t gml_mse_loss(gml_tensor input, gml_tensor target, int32_t reduction, gml_tensor* out);
GML_API int32_t gml_bce_with_logits(gml_tensor input, gml_tensor target, gml_tensor weight_or_null, gml_tensor pos_weight_or_null,
                                    int32_t reduction, gml_tensor* out);

/* optimizers, fused over all parameters in one call (the managed side owns the state tensors) */
GML_API int32_t gml_adam_step(const gml_tensor* params, const gml_tensor* exp_avg, const gml_tensor* exp_avg_sq,
                              const gml_tensor* max_exp_avg_sq_or_null, int32_t n, const int64_t* steps, double lr, double beta1,
                              double beta2, double eps, double weight_decay, int32_t decoupled, int32_t amsgrad, int32_t maximize);
GML_API int32_t gml_sgd_step(const gml_tensor* params, const gml_tensor* momentum_buffers_or_null, int32_t n, int32_t first_step,
                             double lr, double momentum, double dampening, double weight_decay, int32_t nesterov, int32_t maximize);
GML_API int32_t gml_zero_grad(const gml_tensor* params, int32_t n, int32_t set_to_none);
GML_API int32_t gml_clip_grad_norm(const gml_tensor* params, int32_t n, double max_norm, double norm_type, double* total_norm);

#ifdef __cplusplus
}
#endif

#endif

// Element-wise math, reductions, shapes and indexing, addressed by op code.
#include <cmath>
#include "internal.h"

using namespace gml;

namespace {

torch::Tensor unary(int32_t op, const torch::Tensor& t) {
    switch (op) {
        case GML_NEG: return t.neg();
        case GML_EXP: return t.exp();
        case GML_LOG: return t.log();
        case GML_SQRT: return t.sqrt();
        case GML_ABS: return t.abs();
        case GML_RELU: return t.relu();
        case GML_SIGMOID: return t.sigmoid();
        case GML_TANH: return t.tanh();
        case GML_SQUARE: return t.square();
        case GML_RSQRT: return t.rsqrt();
        case GML_SIGN: return t.sign();
        case GML_LOG1P: return t.log1p();
        case GML_EXPM1: return t.expm1();
        case GML_SIN: return t.sin();
        case GML_COS: return t.cos();
        case GML_GELU: return at::gelu(t);
        case GML_GELU_TANH: return at::gelu(t, "tanh");
        case GML_FLOOR: return t.floor();
        case GML_CEIL: return t.ceil();
        case GML_ROUND: return t.round();
        case GML_RECIPROCAL: return t.reciprocal();
        case GML_ISNAN: return t.isnan();
        case GML_ISINF: return t.isinf();
        case GML_ISFINITE: return t.isfinite();
        case GML_LOGICAL_NOT: return t.logical_not();
        case GML_ZERO: return torch::zeros_like(t);
        case GML_LOGSIGMOID: return at::log_sigmoid(t);
        case GML_ERF: return t.erf();
    }
    throw std::invalid_argument("unknown unary op " + std::to_string(op));
}

void unary_(int32_t op, torch::Tensor& t) {
    switch (op) {
        case GML_NEG: t.neg_(); return;
        case GML_EXP: t.exp_(); return;
        case GML_LOG: t.log_(); return;
        case GML_SQRT: t.sqrt_(); return;
        case GML_ABS: t.abs_(); return;
        case GML_RELU: t.relu_(); return;
        case GML_SIGMOID: t.sigmoid_(); return;
        case GML_TANH: t.tanh_(); return;
        case GML_SQUARE: t.square_(); return;
        case GML_RSQRT: t.rsqrt_(); return;
        case GML_SIGN: t.sign_(); return;
        case GML_LOG1P: t.log1p_(); return;
        case GML_EXPM1: t.expm1_(); return;
        case GML_SIN: t.sin_(); return;
        case GML_COS: t.cos_(); return;
        case GML_FLOOR: t.floor_(); return;
        case GML_CEIL: t.ceil_(); return;
        case GML_ROUND: t.round_(); return;
        case GML_RECIPROCAL: t.reciprocal_(); return;
        case GML_ZERO: t.zero_(); return;
        case GML_ERF: t.erf_(); return;
    }
    throw std::invalid_argument("unary op " + std::to_string(op) + " has no in-place form");
}

template <typename B>
torch::Tensor binary(int32_t op, const torch::Tensor& a, const B& b) {
    switch (op) {
        case GML_ADD: return a.add(b);
        case GML_SUB: return a.sub(b);
        case GML_MUL: return a.mul(b);
        case GML_DIV: return a.div(b);
        case GML_POW: return a.pow(b);
        case GML_EQ: return a.eq(b);
        case GML_NE: return a.ne(b);
        case GML_LT: return a.lt(b);
        case GML_LE: return a.le(b);
        case GML_GT: return a.gt(b);
        case GML_GE: return a.ge(b);
        case GML_REMAINDER: return a.remainder(b);
    }
    if constexpr (std::is_same_v<B, torch::Tensor>) {
        switch (op) {
            case GML_MAXIMUM: return at::maximum(a, b);
            case GML_MINIMUM: return at::minimum(a, b);
            case GML_ATAN2: return a.atan2(b);
            case GML_LOGICAL_AND: return a.logical_and(b);
            case GML_LOGICAL_OR: return a.logical_or(b);
        }
    } else {
        switch (op) {
            case GML_MAXIMUM: return a.clamp_min(b);
            case GML_MINIMUM: return a.clamp_max(b);
        }
    }
    throw std::invalid_argument("unknown binary op " + std::to_string(op));
}

template <typename B>
void binary_(int32_t op, torch::Tensor& a, const B& b) {
    switch (op) {
        case GML_ADD: a.add_(b); return;
        case GML_SUB: a.sub_(b); return;
        case GML_MUL: a.mul_(b); return;
        case GML_DIV: a.div_(b); return;
        case GML_POW: a.pow_(b); return;
        case GML_REMAINDER: a.remainder_(b); return;
    }
    throw std::invalid_argument("binary op " + std::to_string(op) + " has no in-place form");
}

torch::Tensor reduce(int32_t op, const torch::Tensor& t, at::IntArrayRef d, bool keep) {
    const bool all = d.empty();
    switch (op) {
        case GML_SUM: return all ? t.sum() : t.sum(d, keep);
        case GML_MEAN: return all ? t.mean() : t.mean(d, keep);
        case GML_AMAX: return t.amax(d, keep);
        case GML_AMIN: return t.amin(d, keep);
        case GML_PROD:
            if (all) return t.prod();
            if (d.size() != 1) throw std::invalid_argument("prod reduces one dimension at a time");
            return t.prod(d[0], keep);
        case GML_VAR: return all ? t.var() : t.var(d, true, keep);
        case GML_STD: return all ? t.std() : t.std(d, true, keep);
        case GML_LOGSUMEXP: {
            if (all) return t.flatten().logsumexp(0, keep);
            return t.logsumexp(d, keep);
        }
        case GML_NORM2: return all ? t.norm() : at::linalg_vector_norm(t, 2, d, keep);
        case GML_ANY:
            if (all) return t.any();
            if (d.size() != 1) throw std::invalid_argument("any reduces one dimension at a time");
            return t.any(d[0], keep);
        case GML_ALL:
            if (all) return t.all();
            if (d.size() != 1) throw std::invalid_argument("all reduces one dimension at a time");
            return t.all(d[0], keep);
    }
    throw std::invalid_argument("unknown reduction op " + std::to_string(op));
}

// A scalar keeps an integral tensor integral: 1.0 added to an int64 tensor is the integer 1, as in PyTorch.
c10::Scalar scalar_for(const torch::Tensor& t, double v) {
    if (!c10::isFloatingType(t.scalar_type()) && std::floor(v) == v && std::abs(v) < 9.2e18) return c10::Scalar(static_cast<int64_t>(v));
    return c10::Scalar(v);
}

}  // namespace

extern "C" {

int32_t gml_unary(int32_t op, gml_tensor t, gml_tensor* out) { GML_OUT(unary(op, T(t))) }
int32_t gml_unary_(int32_t op, gml_tensor t) { GML_TRY(unary_(op, T(t))) }
int32_t gml_binary(int32_t op, gml_tensor a, gml_tensor b, gml_tensor* out) { GML_OUT(binary(op, T(a), T(b))) }
int32_t gml_binary_(int32_t op, gml_tensor a, gml_tensor b) { GML_TRY(binary_(op, T(a), T(b))) }
int32_t gml_binary_scalar(int32_t op, gml_tensor a, double b, gml_tensor* out) { GML_OUT(binary(op, T(a), scalar_for(T(a), b))) }
int32_t gml_binary_scalar_(int32_t op, gml_tensor a, double b) { GML_TRY(binary_(op, T(a), scalar_for(T(a), b))) }
int32_t gml_scalar_binary(int32_t op, double a, gml_tensor b, gml_tensor* out) {
    GML_TRY(const auto& t = T(b); torch::Tensor r;
            switch (op) {
                case GML_ADD: r = t.add(a); break;
                case GML_SUB: r = torch::rsub(t, a); break;
                case GML_MUL: r = t.mul(a); break;
                case GML_DIV: r = t.reciprocal().mul(a); break;
                case GML_POW: r = torch::pow(c10::Scalar(a), t); break;
                default: throw std::invalid_argument("unsupported scalar-left op " + std::to_string(op));
            } *out = wrap(r))
}
int32_t gml_add_alpha(gml_tensor a, gml_tensor b, double alpha, int32_t inplace, gml_tensor* out) {
    GML_TRY(if (inplace) T(a).add_(T(b), alpha); else *out = wrap(T(a).add(T(b), alpha)))
}
int32_t gml_addcmul(gml_tensor t, gml_tensor a, gml_tensor b, double value, int32_t inplace, gml_tensor* out) {
    GML_TRY(if (inplace) T(t).addcmul_(T(a), T(b), value); else *out = wrap(T(t).addcmul(T(a), T(b), value)))
}
int32_t gml_addcdiv(gml_tensor t, gml_tensor a, gml_tensor b, double value, int32_t inplace, gml_tensor* out) {
    GML_TRY(if (inplace) T(t).addcdiv_(T(a), T(b), value); else *out = wrap(T(t).addcdiv(T(a), T(b), value)))
}
int32_t gml_clamp(gml_tensor t, int32_t has_min, double mn, int32_t has_max, double mx, int32_t inplace, gml_tensor* out) {
    GML_TRY(c10::optional<c10::Scalar> lo = has_min ? c10::optional<c10::Scalar>(mn) : c10::nullopt;
            c10::optional<c10::Scalar> hi = has_max ? c10::optional<c10::Scalar>(mx) : c10::nullopt;
            if (inplace) T(t).clamp_(lo, hi); else *out = wrap(T(t).clamp(lo, hi)))
}
int32_t gml_where(gml_tensor c, gml_tensor a, gml_tensor b, gml_tensor* out) { GML_OUT(torch::where(T(c), T(a), T(b))) }
int32_t gml_fill_(gml_tensor t, double value) { GML_TRY(T(t).fill_(value)) }
int32_t gml_copy_(gml_tensor dst, gml_tensor src) { GML_TRY(T(dst).copy_(T(src))) }
int32_t gml_to_dtype(gml_tensor t, int32_t dtype, gml_tensor* out) { GML_OUT(T(t).to(static_cast<c10::ScalarType>(dtype))) }
int32_t gml_clone(gml_tensor t, gml_tensor* out) { GML_OUT(T(t).clone()) }
int32_t gml_contiguous(gml_tensor t, gml_tensor* out) { GML_OUT(T(t).contiguous()) }
int32_t gml_leaky_relu(gml_tensor t, double slope, gml_tensor* out) { GML_OUT(at::leaky_relu(T(t), slope)) }
int32_t gml_softplus(gml_tensor t, double beta, double threshold, gml_tensor* out) { GML_OUT(at::softplus(T(t), beta, threshold)) }
int32_t gml_softmax(gml_tensor t, int64_t dim, int32_t log, gml_tensor* out) {
    GML_OUT(log ? T(t).log_softmax(dim) : T(t).softmax(dim))
}

int32_t gml_reduce(int32_t op, gml_tensor t, const int64_t* d, int32_t nd, int32_t keepdim, gml_tensor* out) {
    GML_OUT(reduce(op, T(t), dims(d, nd), keepdim != 0))
}
int32_t gml_arg_reduce(int32_t is_max, gml_tensor t, int32_t has_dim, int64_t dim, int32_t keepdim, gml_tensor* out) {
    GML_TRY(c10::optional<int64_t> d = has_dim ? c10::optional<int64_t>(dim) : c10::nullopt;
            *out = wrap(is_max ? T(t).argmax(d, keepdim != 0) : T(t).argmin(d, keepdim != 0)))
}
int32_t gml_max_dim(int32_t is_max, gml_tensor t, int64_t dim, int32_t keepdim, gml_tensor* values, gml_tensor* indices) {
    GML_TRY(auto r = is_max ? T(t).max(dim, keepdim != 0) : T(t).min(dim, keepdim != 0);
            *values = wrap(std::get<0>(r)); *indices = wrap(std::get<1>(r)))
}

int32_t gml_matmul(gml_tensor a, gml_tensor b, gml_tensor* out) { GML_OUT(T(a).matmul(T(b))) }
int32_t gml_cat(const gml_tensor* ts, int32_t n, int64_t dim, gml_tensor* out) { GML_OUT(torch::cat(list(ts, n), dim)) }
int32_t gml_stack(const gml_tensor* ts, int32_t n, int64_t dim, gml_tensor* out) { GML_OUT(torch::stack(list(ts, n), dim)) }
int32_t gml_reshape(gml_tensor t, const int64_t* s, int32_t n, gml_tensor* out) { GML_OUT(T(t).reshape(dims(s, n))) }
int32_t gml_view(gml_tensor t, const int64_t* s, int32_t n, gml_tensor* out) { GML_OUT(T(t).view(dims(s, n))) }
int32_t gml_flatten(gml_tensor t, int64_t start, int64_t end, gml_tensor* out) { GML_OUT(T(t).flatten(start, end)) }
int32_t gml_transpose(gml_tensor t, int64_t d0, int64_t d1, gml_tensor* out) { GML_OUT(T(t).transpose(d0, d1)) }
int32_t gml_permute(gml_tensor t, const int64_t* d, int32_t n, gml_tensor* out) { GML_OUT(T(t).permute(dims(d, n))) }
int32_t gml_unsqueeze(gml_tensor t, int64_t dim, gml_tensor* out) { GML_OUT(T(t).unsqueeze(dim)) }
int32_t gml_squeeze(gml_tensor t, int32_t has_dim, int64_t dim, gml_tensor* out) {
    GML_OUT(has_dim ? T(t).squeeze(dim) : T(t).squeeze())
}
int32_t gml_expand(gml_tensor t, const int64_t* s, int32_t n, gml_tensor* out) { GML_OUT(T(t).expand(dims(s, n))) }
int32_t gml_narrow(gml_tensor t, int64_t dim, int64_t start, int64_t length, gml_tensor* out) {
    GML_OUT(T(t).narrow(dim, start, length))
}
int32_t gml_index_select(gml_tensor t, int64_t dim, gml_tensor index, gml_tensor* out) {
    GML_OUT(T(t).index_select(dim, T(index)))
}
int32_t gml_gather(gml_tensor t, int64_t dim, gml_tensor index, gml_tensor* out) { GML_OUT(T(t).gather(dim, T(index))) }
int32_t gml_one_hot(gml_tensor t, int64_t num_classes, gml_tensor* out) { GML_OUT(torch::one_hot(T(t), num_classes)) }
int32_t gml_allclose(gml_tensor a, gml_tensor b, double rtol, double atol, int32_t* out) {
    GML_TRY(*out = T(a).allclose(T(b), rtol, atol) ? 1 : 0)
}

}  // extern "C"

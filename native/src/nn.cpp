// Neural-network functions (the module classes live on the managed side, over these).
#include "internal.h"

using namespace gml;

namespace {
at::Reduction::Reduction reduction(int32_t r) {
    switch (r) {
        case GML_REDUCTION_NONE: return at::Reduction::None;
        case GML_REDUCTION_MEAN: return at::Reduction::Mean;
        case GML_REDUCTION_SUM: return at::Reduction::Sum;
    }
    throw std::invalid_argument("unknown reduction " + std::to_string(r));
}
}  // namespace

extern "C" {

int32_t gml_linear(gml_tensor x, gml_tensor w, gml_tensor b, gml_tensor* out) { GML_OUT(at::linear(T(x), T(w), opt(b))) }

int32_t gml_conv2d(gml_tensor x, gml_tensor w, gml_tensor b, const int64_t* stride, const int64_t* padding,
                   const int64_t* dilation, int64_t groups, gml_tensor* out) {
    GML_OUT(at::conv2d(T(x), T(w), opt(b), dims(stride, 2), dims(padding, 2), dims(dilation, 2), groups))
}

int32_t gml_conv_transpose2d(gml_tensor x, gml_tensor w, gml_tensor b, const int64_t* stride, const int64_t* padding,
                             const int64_t* output_padding, const int64_t* dilation, int64_t groups, gml_tensor* out) {
    GML_OUT(at::conv_transpose2d(T(x), T(w), opt(b), dims(stride, 2), dims(padding, 2), dims(output_padding, 2), groups,
                                 dims(dilation, 2)))
}

int32_t gml_batch_norm(gml_tensor x, gml_tensor w, gml_tensor b, gml_tensor mean, gml_tensor var, int32_t training,
                       double momentum, double eps, gml_tensor* out) {
    GML_OUT(at::batch_norm(T(x), opt(w), opt(b), opt(mean), opt(var), training != 0, momentum, eps, false))
}

int32_t gml_dropout(gml_tensor x, double p, int32_t training, int32_t inplace, gml_tensor* out) {
    GML_TRY(if (inplace) { at::dropout_(T(x), p, training != 0); } else { *out = wrap(at::dropout(T(x), p, training != 0)); })
}

int32_t gml_mse_loss(gml_tensor input, gml_tensor target, int32_t r, gml_tensor* out) {
    GML_OUT(at::mse_loss(T(input), T(target), reduction(r)))
}

int32_t gml_bce_with_logits(gml_tensor input, gml_tensor target, gml_tensor weight, gml_tensor pos_weight, int32_t r, gml_tensor* out) {
    GML_OUT(at::binary_cross_entropy_with_logits(T(input), T(target), opt(weight), opt(pos_weight), reduction(r)))
}

}  // extern "C"

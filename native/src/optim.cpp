// Optimizer steps fused over all parameters: one boundary crossing per step instead of one per op per parameter.
#include <ATen/Parallel.h>
#include <cmath>
#include "internal.h"

using namespace gml;

namespace {

void check_same(const torch::Tensor& p, const torch::Tensor& s, const char* what) {
    if (!s.sizes().equals(p.sizes()) || s.scalar_type() != p.scalar_type())
        throw std::invalid_argument(std::string("optimizer state '") + what + "' does not match its parameter");
}

// One pass over memory for float32, contiguous tensors: the common case, and the one worth a loop of its own.
void adam_float(float* p, const float* g, float* m, float* v, float* vmax, int64_t n, double lr, double b1, double b2,
                double eps, double wd, bool decoupled, bool maximize, int64_t step) {
    const double bc1 = 1.0 - std::pow(b1, (double)step);
    const double bc2 = 1.0 - std::pow(b2, (double)step);
    const float step_size = (float)(lr / bc1);
    const float bc2_sqrt = (float)std::sqrt(bc2);
    const float fb1 = (float)b1, fb2 = (float)b2, one_b1 = (float)(1.0 - b1), one_b2 = (float)(1.0 - b2);
    const float feps = (float)eps, fwd = (float)wd, decay = (float)(1.0 - lr * wd);
    at::parallel_for(0, n, 16384, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
            float grad = maximize ? -g[i] : g[i];
            float param = p[i];
            if (wd != 0.0) {
                if (decoupled) param *= decay;
                else grad += fwd * param;
            }
            const float mi = fb1 * m[i] + one_b1 * grad;
            const float vi = fb2 * v[i] + one_b2 * grad * grad;
            m[i] = mi;
            v[i] = vi;
            float vv = vi;
            if (vmax) {
                vv = vmax[i] > vi ? vmax[i] : vi;
                vmax[i] = vv;
            }
            const float denom = std::sqrt(vv) / bc2_sqrt + feps;
            p[i] = param - step_size * mi / denom;
        }
    });
}

// Any other dtype or layout: the same update through tensor ops.
void adam_generic(torch::Tensor& p, torch::Tensor grad, torch::Tensor& m, torch::Tensor& v, torch::Tensor* vmax, double lr,
                  double b1, double b2, double eps, double wd, bool decoupled, bool maximize, int64_t step) {
    if (maximize) grad = -grad;
    if (wd != 0.0) {
        if (decoupled) p.mul_(1.0 - lr * wd);
        else grad = grad.add(p, wd);
    }
    const double bc1 = 1.0 - std::pow(b1, (double)step), bc2 = 1.0 - std::pow(b2, (double)step);
    m.mul_(b1).add_(grad, 1.0 - b1);
    v.mul_(b2).addcmul_(grad, grad, 1.0 - b2);
    torch::Tensor vv = v;
    if (vmax) {
        at::maximum_out(*vmax, *vmax, v);
        vv = *vmax;
    }
    auto denom = (vv.sqrt() / std::sqrt(bc2)).add_(eps);
    p.addcdiv_(m, denom, -lr / bc1);
}

}  // namespace

extern "C" {

int32_t gml_adam_step(const gml_tensor* params, const gml_tensor* exp_avg, const gml_tensor* exp_avg_sq,
                      const gml_tensor* max_exp_avg_sq, int32_t n, const int64_t* steps, double lr, double beta1, double beta2,
                      double eps, double weight_decay, int32_t decoupled, int32_t amsgrad, int32_t maximize) {
    GML_TRY(
        at::NoGradGuard no_grad;
        for (int32_t i = 0; i < n; ++i) {
            auto& p = T(params[i]);
            const auto& g = p.grad();
            if (!g.defined()) continue;
            auto& m = T(exp_avg[i]);
            auto& v = T(exp_avg_sq[i]);
            torch::Tensor* vmax = (amsgrad && max_exp_avg_sq) ? &T(max_exp_avg_sq[i]) : nullptr;
            check_same(p, m, "exp_avg");
            check_same(p, v, "exp_avg_sq");
            if (vmax) check_same(p, *vmax, "max_exp_avg_sq");
            const bool fast = p.scalar_type() == torch::kFloat && g.scalar_type() == torch::kFloat && p.is_contiguous() &&
                              g.is_contiguous() && m.is_contiguous() && v.is_contiguous() && (!vmax || vmax->is_contiguous());
            if (fast)
                adam_float(p.data_ptr<float>(), g.data_ptr<float>(), m.data_ptr<float>(), v.data_ptr<float>(),
                           vmax ? vmax->data_ptr<float>() : nullptr, p.numel(), lr, beta1, beta2, eps, weight_decay,
                           decoupled != 0, maximize != 0, steps[i]);
            else
                adam_generic(p, g, m, v, vmax, lr, beta1, beta2, eps, weight_decay, decoupled != 0, maximize != 0, steps[i]);
        })
}

int32_t gml_sgd_step(const gml_tensor* params, const gml_tensor* buffers, int32_t n, int32_t first_step, double lr,
                     double momentum, double dampening, double weight_decay, int32_t nesterov, int32_t maximize) {
    GML_TRY(
        at::NoGradGuard no_grad;
        for (int32_t i = 0; i < n; ++i) {
            auto& p = T(params[i]);
            const auto& g = p.grad();
            if (!g.defined()) continue;
            torch::Tensor d = maximize ? -g : g;
            if (weight_decay != 0.0) d = d.add(p, weight_decay);
            if (momentum != 0.0) {
                auto& buf = T(buffers[i]);
                check_same(p, buf, "momentum_buffer");
                if (first_step) buf.copy_(d);
                else buf.mul_(momentum).add_(d, 1.0 - dampening);
                d = nesterov ? d.add(buf, momentum) : buf;
            }
            p.add_(d, -lr);
        })
}

int32_t gml_zero_grad(const gml_tensor* params, int32_t n, int32_t set_to_none) {
    GML_TRY(
        for (int32_t i = 0; i < n; ++i) {
            auto& g = T(params[i]).mutable_grad();
            if (!g.defined()) continue;
            if (set_to_none) { g.reset(); continue; }
            if (g.grad_fn()) g = g.detach();
            else g.requires_grad_(false);
            g.zero_();
        })
}

int32_t gml_clip_grad_norm(const gml_tensor* params, int32_t n, double max_norm, double norm_type, double* total_norm) {
    GML_TRY(
        at::NoGradGuard no_grad;
        std::vector<torch::Tensor> grads;
        for (int32_t i = 0; i < n; ++i) {
            const auto& g = T(params[i]).grad();
            if (g.defined()) grads.push_back(g);
        }
        if (grads.empty()) { *total_norm = 0.0; return 0; }
        torch::Tensor total;
        if (std::isinf(norm_type)) {
            std::vector<torch::Tensor> norms;
            for (auto& g : grads) norms.push_back(g.detach().abs().max());
            total = torch::stack(norms).max();
        } else {
            std::vector<torch::Tensor> norms;
            for (auto& g : grads) norms.push_back(at::linalg_vector_norm(g.detach(), norm_type));
            total = at::linalg_vector_norm(torch::stack(norms), norm_type);
        }
        const double t = total.item<double>();
        *total_norm = t;
        if (!std::isfinite(t)) throw std::runtime_error("the total norm of the gradients is non-finite (" + std::to_string(t) + ")");
        const double coef = max_norm / (t + 1e-6);
        if (coef < 1.0)
            for (auto& g : grads) g.detach().mul_(coef);)
}

}  // extern "C"

using System;
using static TorchSharp.torch;

namespace Generative.ML.Training.Objectives
{
    /// <summary>
    /// t-SNE's objective as a loss on codes (parametric t-SNE). Among the rows of a batch, p_ij says how near x_j is to
    /// x_i in the input: p_j|i = exp(-beta_i |x_i - x_j|^2) / sum_k exp(-beta_i |x_i - x_k|^2), with each beta_i chosen so
    /// that row i's neighbour distribution has the given perplexity (2^entropy: its effective number of neighbours), and
    /// p_ij = (p_j|i + p_i|j) / 2n. In the code space q_ij = (1 + |y_i - y_j|^2)^-1 / sum_(k != l) (1 + |y_k - y_l|^2)^-1,
    /// Student's t with one degree of freedom, whose heavy tail lets far clusters lie far apart. The loss is
    /// KL(P || Q) = sum p_ij log(p_ij / q_ij): it is small when rows that are neighbours in the input are neighbours in the code.
    /// </summary>
    internal static class Neighbourhood
    {
        /// <summary>Bisection steps on log(beta_i) over [-30, 30]: 40 halvings leave it within 6e-11.</summary>
        const int BisectionSteps = 40;

        /// <summary>
        /// The symmetric input affinities P of <paramref name="x"/>'s rows [n, n]: zero on the diagonal, summing to 1,
        /// float32 (computed in float64, no gradient). A batch of n rows holds at most (n - 1) / 3 effective neighbours a
        /// row, so the perplexity is capped there (t-SNE's own rule).
        /// </summary>
        public static Tensor Affinities(Tensor x, double perplexity)
        {
            if (!(perplexity >= 1)) throw new ArgumentOutOfRangeException(nameof(perplexity), perplexity, "The perplexity must be at least 1.");
            var n = x.shape[0];
            if (n < 2) throw new ArgumentException("Affinities need at least two rows.", nameof(x));
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var rows = x.to_type(float64).flatten(1);
            var norms = rows.pow(2).sum(1);
            var target = Math.Log(Math.Max(1.0, Math.Min(perplexity, (n - 1) / 3.0)));
            // Row blocks of 256: the bisection's [block, n] temporaries stay small however many rows there are.
            var blocks = new System.Collections.Generic.List<Tensor>();
            for (long start = 0; start < n; start += 256) {
                using var block = NewDisposeScope();
                var count = Math.Min(256, n - start);
                var d2 = (norms.narrow(0, start, count).unsqueeze(1) + norms.unsqueeze(0) - 2 * rows.narrow(0, start, count).matmul(rows.t())).clamp_min(0);
                var self = arange(start, start + count, dtype: int64).unsqueeze(1) == arange(n, dtype: int64).unsqueeze(0);
                blocks.Add(ConditionalRows(d2, self, target).MoveToOuterDisposeScope());
            }
            var conditional = cat(blocks, 0);
            var joint = (conditional + conditional.t()) / (2.0 * n);
            return joint.to_type(float32).MoveToOuterDisposeScope();
        }

        /// <summary>p_j|i for a block of rows: their squared distances to every row, and where each row is itself.</summary>
        static Tensor ConditionalRows(Tensor d2, Tensor self, double target)
        {
            var low = full(d2.shape[0], 1, -30.0, dtype: float64);
            var high = full(d2.shape[0], 1, 30.0, dtype: float64);
            Tensor LogConditional(Tensor logBeta) => (-d2 * logBeta.exp()).masked_fill(self, double.NegativeInfinity).log_softmax(1);
            for (var i = 0; i < BisectionSteps; i++) {
                // Each step's temporaries are freed with it: 40 steps must not hold 40 copies.
                using var step = NewDisposeScope();
                var logBeta = (low + high) / 2;
                var logP = LogConditional(logBeta);
                var entropy = -(logP.exp() * logP.masked_fill(self, 0)).sum(1, keepdim: true);
                // Too many effective neighbours: a larger beta narrows the kernel.
                var tooWide = entropy > target;
                low = where(tooWide, logBeta, low).MoveToOuterDisposeScope();
                high = where(tooWide, high, logBeta).MoveToOuterDisposeScope();
            }
            return LogConditional((low + high) / 2).exp();
        }

        /// <summary>
        /// KL(P || Q) for affinities <paramref name="p"/> [n, n] (from <see cref="Affinities"/>) and codes
        /// <paramref name="y"/> [n, k]: a scalar, differentiable in y. Its gradient is t-SNE's,
        /// dKL/dy_i = 4 sum_j (p_ij - q_ij)(y_i - y_j) / (1 + |y_i - y_j|^2).
        /// </summary>
        public static Tensor StudentTDivergence(Tensor p, Tensor y)
        {
            var n = y.shape[0];
            using var scope = NewDisposeScope();
            var self = eye(n, dtype: @bool, device: y.device);
            var logKernel = (-SquaredDistances(y).log1p()).masked_fill(self, double.NegativeInfinity);
            var logQ = logKernel - logKernel.flatten().logsumexp(0);
            // p_ij log p_ij is 0 where p_ij is 0 (the diagonal, and pairs too far apart to register).
            var positive = p > 0;
            var logP = where(positive, p, ones_like(p)).log();
            var terms = where(positive, p * (logP - logQ.masked_fill(self, 0)), zeros_like(p));
            return terms.sum().MoveToOuterDisposeScope();
        }

        /// <summary>|a_i - a_j|^2 for every pair of rows, as |a_i|^2 + |a_j|^2 - 2 a_i.a_j (no [n, n, k] tensor), clamped at 0.</summary>
        static Tensor SquaredDistances(Tensor a)
        {
            var norms = a.pow(2).sum(1, keepdim: true);
            return (norms + norms.t() - 2 * a.matmul(a.t())).clamp_min(0);
        }
    }
}

using System;
using Generative.ML.Training.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Objectives
{
    /// <summary>
    /// The small functions the models' losses are made of. Every "per row" result has shape [N]: log-densities are
    /// summed over the feature (or latent) dimensions, in nats. Each works in its own dispose scope and hands only its
    /// result to the caller's.
    /// </summary>
    internal static class Objective
    {
        static readonly double Log2Pi = Math.Log(2 * Math.PI);

        /// <summary>KL(N(mu, exp(logvar)) || N(0, I)) = 0.5 * sum(exp(logvar) + mu^2 - 1 - logvar), per row.</summary>
        public static Tensor GaussianKl(Tensor mu, Tensor logvar)
        {
            using var scope = NewDisposeScope();
            return Formulas.GaussianKl(Expr.Of(mu), Expr.Of(logvar)).Tensor.MoveToOuterDisposeScope();
        }

        /// <summary>log N(x; mean, exp(logvar)) = -0.5 * sum(log 2pi + logvar + (x - mean)^2 / exp(logvar)), per row.</summary>
        /// <param name="logvar">Broadcasts against x: [N, D] or [D].</param>
        public static Tensor GaussianLogLikelihood(Tensor x, Tensor mean, Tensor logvar)
        {
            using var scope = NewDisposeScope();
            return Formulas.GaussianLogLikelihood(Expr.Of(x), Expr.Of(mean), Expr.Of(logvar)).Tensor.MoveToOuterDisposeScope();
        }

        /// <summary>log Bernoulli(x; sigmoid(logits)) = sum(x * logits - softplus(logits)), per row; stable for any logits.</summary>
        public static Tensor BernoulliLogLikelihood(Tensor x, Tensor logits)
        {
            using var scope = NewDisposeScope();
            return Formulas.BernoulliLogLikelihood(Expr.Of(x), Expr.Of(logits)).Tensor.MoveToOuterDisposeScope();
        }

        /// <summary>mean((x - r)^2), per row: the reconstruction error.</summary>
        public static Tensor MeanSquaredError(Tensor x, Tensor reconstruction)
        {
            using var scope = NewDisposeScope();
            return Formulas.MeanSquaredError(Expr.Of(x), Expr.Of(reconstruction)).Tensor.MoveToOuterDisposeScope();
        }

        /// <summary>log N(z; 0, I), per row.</summary>
        public static Tensor StandardNormalLogDensity(Tensor z)
        {
            using var scope = NewDisposeScope();
            return (-0.5 * (z.square() + Log2Pi).sum(1L)).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// The rows a trimmed objective keeps: the indices of the ceil((1 - fraction) * N) lowest per-row losses; null when
        /// that is every row. Anomalies among the training rows tend to have the highest loss, so leaving those out keeps
        /// the model from learning to reconstruct them too.
        /// </summary>
        public static Tensor? KeptRows(Tensor perRowLoss, double fraction)
        {
            var n = perRowLoss.shape[0];
            var keep = Math.Max(1, (long)Math.Ceiling((1 - fraction) * n));
            if (fraction <= 0 || keep >= n) return null;
            using var scope = NewDisposeScope();
            var (_, indices) = perRowLoss.detach().topk((int)keep, largest: false, sorted: false);
            return indices.MoveToOuterDisposeScope();
        }

        /// <summary>The mean of a per-row value over the kept rows (all rows when <paramref name="kept"/> is null).</summary>
        public static Tensor MeanOver(Tensor perRow, Tensor? kept)
        {
            if (kept is null) return perRow.mean();
            using var selected = perRow.index_select(0, kept);
            return selected.mean();
        }

        /// <summary>log mean exp over a dimension: logsumexp(v) - log(count), without overflow.</summary>
        public static Tensor LogMeanExp(Tensor v, long dim)
        {
            using var scope = NewDisposeScope();
            return (v.logsumexp(dim) - Math.Log(v.shape[dim])).MoveToOuterDisposeScope();
        }
    }
}

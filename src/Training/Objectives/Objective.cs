using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Objectives
{
    /// <summary>
    /// The small functions the models' losses are made of. Every "per row" result has shape [N]: log-densities are
    /// summed over the feature (or latent) dimensions, in nats.
    /// </summary>
    public static class Objective
    {
        static readonly double Log2Pi = Math.Log(2 * Math.PI);

        /// <summary>KL(N(mu, exp(logvar)) || N(0, I)) = 0.5 * sum(exp(logvar) + mu^2 - 1 - logvar), per row.</summary>
        public static Tensor GaussianKl(Tensor mu, Tensor logvar)
        {
            using var variance = logvar.exp();
            using var muSquared = mu.square();
            using var a = variance + muSquared;
            using var b = a - logvar;
            using var c = b - 1;
            using var s = c.sum(1L);
            return s * 0.5;
        }

        /// <summary>log N(x; mean, exp(logvar)) = -0.5 * sum(log 2pi + logvar + (x - mean)^2 / exp(logvar)), per row.</summary>
        /// <param name="logvar">Broadcasts against x: [N, D] or [D].</param>
        public static Tensor GaussianLogLikelihood(Tensor x, Tensor mean, Tensor logvar)
        {
            using var diff = x - mean;
            using var sq = diff.square();
            using var negLogvar = -logvar;
            using var precision = negLogvar.exp();
            using var scaled = sq * precision;
            using var withLogvar = scaled + logvar;
            using var perElement = withLogvar + Log2Pi;
            using var s = perElement.sum(1L);
            return s * -0.5;
        }

        /// <summary>log Bernoulli(x; sigmoid(logits)) = sum(x * logits - softplus(logits)), per row; stable for any logits.</summary>
        public static Tensor BernoulliLogLikelihood(Tensor x, Tensor logits)
        {
            using var xl = x * logits;
            using var sp = nn.functional.softplus(logits);
            using var perElement = xl - sp;
            return perElement.sum(1L);
        }

        /// <summary>log N(z; 0, I), per row.</summary>
        public static Tensor StandardNormalLogDensity(Tensor z)
        {
            using var sq = z.square();
            using var perElement = sq + Log2Pi;
            using var s = perElement.sum(1L);
            return s * -0.5;
        }

        /// <summary>log mean exp over a dimension: logsumexp(v) - log(count), without overflow.</summary>
        public static Tensor LogMeanExp(Tensor v, long dim)
        {
            using var lse = v.logsumexp(dim);
            return lse - Math.Log(v.shape[dim]);
        }
    }
}

using System;

namespace Generative.ML.Transformers.Tables
{
    /// <summary>The standard normal's distribution function and its inverse, in float64.</summary>
    internal static class NormalDistribution
    {
        /// <summary>A standard normal draw: Box-Muller from two uniforms, the first in (0, 1].</summary>
        public static double Draw(Random random) => Math.Sqrt(-2 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

        /// <summary>Phi(x) = 0.5 erfc(-x / sqrt 2).</summary>
        public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

        /// <summary>The x with Phi(x) = p, for p in (0, 1): Newton's method on <see cref="Cdf"/>, so the two invert each other.</summary>
        public static double Quantile(double p)
        {
            if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "A normal quantile needs p in (0, 1).");
            // Start from the logistic approximation, whose slope at 0 matches: Phi(x) ~ 1 / (1 + exp(-1.702 x)).
            var x = Math.Log(p / (1 - p)) / 1.702;
            for (var i = 0; i < 60; i++) {
                var density = Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);
                if (density < 1e-300) break;
                var step = (Cdf(x) - p) / density;
                step = Math.Clamp(step, -1, 1);
                x -= step;
                if (Math.Abs(step) < 1e-13 * Math.Max(1, Math.Abs(x))) break;
            }
            return x;
        }

        /// <summary>erfc by its Chebyshev-fitted exponential form (fractional error below 1.2e-7 everywhere).</summary>
        static double Erfc(double x)
        {
            var z = Math.Abs(x);
            var t = 1 / (1 + 0.5 * z);
            var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807
                + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
            return x >= 0 ? r : 2 - r;
        }
    }
}

using System;
using static TorchSharp.torch;

namespace Generative.ML.Training.Objectives
{
    /// <summary>
    /// MMD^2 between two samples, the Wasserstein autoencoder's alternative to a code discriminator. MMD is the largest
    /// difference of means that a function of unit norm in the kernel's space can show between the samples: the best
    /// kernel discriminator, found in closed form instead of trained, so there is no game to balance. The kernel is a sum
    /// of Gaussians whose bandwidths run from a tenth to twice sqrt(width), so that both the fine structure of a prior
    /// (narrow mixture components) and its overall placement pull on the codes.
    /// </summary>
    internal static class MaximumMeanDiscrepancy
    {
        static readonly double[] BandwidthScales = { 0.1, 0.2, 0.5, 1, 2 };

        /// <summary>The unbiased estimate of MMD^2 between the rows of a and of b ([n, d] and [m, d], n and m at least 2).</summary>
        public static Tensor Squared(Tensor a, Tensor b)
        {
            var (n, m) = (a.shape[0], b.shape[0]);
            if (n < 2 || m < 2) throw new ArgumentException($"MMD needs at least two rows on each side (got {n} and {m}).");
            using var scope = NewDisposeScope();
            var width = Math.Sqrt(a.shape[1]);
            Tensor Kernel(Tensor u, Tensor v)
            {
                var distances = cdist(u, v).square();
                Tensor sum = zeros_like(distances);
                foreach (var s in BandwidthScales) sum = sum + (-0.5 / (s * s * width * width) * distances).exp();
                return sum;
            }
            // Each kernel is 1 at distance 0: the diagonal adds the number of scales per row, left out of the unbiased sums.
            var scales = BandwidthScales.Length;
            var aa = (Kernel(a, a).sum() - n * scales) / (n * (n - 1));
            var bb = (Kernel(b, b).sum() - m * scales) / (m * (m - 1));
            return (aa + bb - 2 * Kernel(a, b).mean()).MoveToOuterDisposeScope();
        }
    }
}

using System;
using System.Collections.Generic;
using Generative.ML.Training.Architectures;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// An autoencoder whose code is pushed towards zeros: J = MSE + lambda * sum_i |h_i|, the L1 term summed over the
    /// code and averaged over rows.
    /// </summary>
    internal sealed class SparseAutoencoder : Autoencoder
    {
        /// <summary>An autoencoder with an L1 penalty of <paramref name="sparsityWeight"/> on its code.</summary>
        public SparseAutoencoder(long inputSize, long latentSize, double sparsityWeight, NetworkArchitecture? architecture = null)
            : base(nameof(SparseAutoencoder), inputSize, latentSize, architecture)
        {
            Check.FiniteNonNegative(sparsityWeight, nameof(sparsityWeight), "The sparsity weight lambda");
            SparsityWeight = sparsityWeight;
        }


        /// <summary>lambda</summary>
        public double SparsityWeight { get; }

        private protected override Tensor AddPenalty(Tensor reconstruction, Tensor code, List<(string, Tensor)> parts)
        {
            using var magnitude = code.abs();
            using var perRow = magnitude.sum(1L);
            using var l1 = perRow.mean();
            using var penalty = l1 * SparsityWeight;
            parts.Add(("sparsity", penalty.detach()));
            return reconstruction + penalty;
        }
    }
}

using System;
using Generative.ML.Training.Models;

namespace Generative.ML
{
    /// <summary>Which deterministic autoencoder the Autoencoder* transforms train.</summary>
    public enum AutoencoderKind
    {
        /// <summary>Encoder and decoder trained on the reconstruction error alone.</summary>
        Plain,
        /// <summary>An L1 penalty on the code (<see cref="AutoencoderOptions.SparsityWeight"/>).</summary>
        Sparse,
        /// <summary>Trained to reconstruct clean rows from masked ones (<see cref="AutoencoderOptions.MaskingProbability"/>).</summary>
        Denoising,
        /// <summary>One affine map each way: learns PCA's subspace.</summary>
        Linear,
    }

    /// <summary>The deterministic autoencoders' settings; their anomaly score is the reconstruction error.</summary>
    public sealed class AutoencoderOptions : GenerativeEstimatorOptions
    {
        /// <summary>Which autoencoder to train (plain by default).</summary>
        public AutoencoderKind Kind { get; set; } = AutoencoderKind.Plain;
        /// <summary>The sparse autoencoder's L1 weight on the code.</summary>
        public double SparsityWeight { get; set; } = 1e-3;
        /// <summary>The denoising autoencoder's chance of masking each input value during training.</summary>
        public double MaskingProbability { get; set; } = 0.2;

        internal override GenerativeModel CreateModel(int inputSize, int conditionSize) => Kind switch {
            AutoencoderKind.Plain => new Autoencoder(inputSize, LatentSizeFor(inputSize), Architecture(inputSize)),
            AutoencoderKind.Sparse => new SparseAutoencoder(inputSize, LatentSizeFor(inputSize), SparsityWeight, Architecture(inputSize)),
            AutoencoderKind.Denoising => new DenoisingAutoencoder(inputSize, LatentSizeFor(inputSize), MaskingProbability, 0, Architecture(inputSize)),
            AutoencoderKind.Linear => new LinearAutoencoder(inputSize, LatentSizeFor(inputSize)),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown autoencoder kind."),
        };

        internal override string FamilyName => "autoencoder";
    }
}

using System;
using Generative.ML.Training.Architectures;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// An autoencoder trained to undo corruption: the encoder sees x~ (each value zeroed with probability
    /// <see cref="MaskingProbability"/>, then Gaussian noise of standard deviation <see cref="NoiseStdDev"/> added),
    /// and the loss compares the reconstruction with the clean x. Encoding and reconstruction outside training use x.
    /// </summary>
    internal sealed class DenoisingAutoencoder : Autoencoder
    {
        /// <summary>An autoencoder trained to rebuild clean rows from corrupted ones.</summary>
        public DenoisingAutoencoder(long inputSize, long latentSize, double maskingProbability, double noiseStdDev = 0,
                                    NetworkArchitecture? architecture = null)
            : base(nameof(DenoisingAutoencoder), inputSize, latentSize, architecture)
        {
            if (!(maskingProbability >= 0 && maskingProbability < 1))
                throw new ArgumentOutOfRangeException(nameof(maskingProbability), maskingProbability, "The masking probability p must be in [0, 1).");
            Check.FiniteNonNegative(noiseStdDev, nameof(noiseStdDev), "The noise standard deviation");
            MaskingProbability = maskingProbability;
            NoiseStdDev = noiseStdDev;
        }


        /// <summary>The chance that each input value is set to 0 during training.</summary>
        public double MaskingProbability { get; }
        /// <summary>The standard deviation of Gaussian noise added to each input value during training.</summary>
        public double NoiseStdDev { get; }

        private protected override Tensor Corrupt(Tensor x)
        {
            var corrupted = x.alias();
            if (MaskingProbability > 0) {
                using var keep = full_like(x, 1 - MaskingProbability);
                using var mask = RandomDraws.Bernoulli(keep);
                using var masked = corrupted;
                corrupted = masked * mask;
            }
            if (NoiseStdDev > 0) {
                using var eps = RandomDraws.NormalLike(x);
                using var noise = eps * NoiseStdDev;
                using var clean = corrupted;
                corrupted = clean + noise;
            }
            return corrupted;
        }
    }
}

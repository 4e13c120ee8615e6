using System;
using Generative.ML.Training.Models;

namespace Generative.ML.Estimators.Fitting
{
    /// <summary>The Training model an estimator's options describe, for rows of <c>inputSize</c> values.</summary>
    internal static class ModelFactory
    {
        public static GenerativeModel Create(GenerativeEstimatorOptions options, int inputSize, int conditionSize) => options switch {
            VariationalAutoencoderOptions v when conditionSize > 0 => new ConditionalVariationalAutoencoder(inputSize, conditionSize, v.LatentSize, v.Architecture(), Vae(v)),
            VariationalAutoencoderOptions v => new VariationalAutoencoder(inputSize, v.LatentSize, v.Architecture(), Vae(v)),
            AutoencoderOptions a => a.Kind switch {
                AutoencoderKind.Plain => new Autoencoder(inputSize, a.LatentSize, a.Architecture()),
                AutoencoderKind.Sparse => new SparseAutoencoder(inputSize, a.LatentSize, a.SparsityWeight, a.Architecture()),
                AutoencoderKind.Denoising => new DenoisingAutoencoder(inputSize, a.LatentSize, a.MaskingProbability, 0, a.Architecture()),
                AutoencoderKind.Linear => new LinearAutoencoder(inputSize, a.LatentSize),
                _ => throw new ArgumentOutOfRangeException(nameof(a.Kind), a.Kind, "Unknown autoencoder kind."),
            },
            _ => throw new ArgumentException($"Unknown options type {options.GetType().Name}.", nameof(options)),
        };

        static VaeOptions Vae(VariationalAutoencoderOptions v) =>
            new() { Likelihood = v.Likelihood, Beta = v.BetaSchedule ?? Training.Objectives.BetaSchedule.Constant(v.Beta) };
    }
}

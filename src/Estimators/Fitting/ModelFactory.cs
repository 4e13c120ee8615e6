using System;
using Generative.ML.Training.Models;

namespace Generative.ML.Estimators.Fitting
{
    /// <summary>The Training model an estimator's options describe, for rows of <c>inputSize</c> values.</summary>
    internal static class ModelFactory
    {
        public static GenerativeModel Create(GenerativeEstimatorOptions options, int inputSize, int conditionSize) => options switch {
            VariationalAutoencoderOptions v when conditionSize > 0 => new ConditionalVariationalAutoencoder(inputSize, conditionSize, v.LatentSizeFor(inputSize), v.Architecture(inputSize), Vae(v)),
            VariationalAutoencoderOptions v when v.AdversarialWeight > 0 => new VaeGan(inputSize, v.LatentSizeFor(inputSize), v.Architecture(inputSize), Vae(v),
                                                                                      v.AdversarialWeight, v.FeatureMatchingWeight),
            VariationalAutoencoderOptions v => new VariationalAutoencoder(inputSize, v.LatentSizeFor(inputSize), v.Architecture(inputSize), Vae(v)),
            AutoencoderOptions a => a.Kind switch {
                AutoencoderKind.Plain => new Autoencoder(inputSize, a.LatentSizeFor(inputSize), a.Architecture(inputSize)),
                AutoencoderKind.Sparse => new SparseAutoencoder(inputSize, a.LatentSizeFor(inputSize), a.SparsityWeight, a.Architecture(inputSize)),
                AutoencoderKind.Denoising => new DenoisingAutoencoder(inputSize, a.LatentSizeFor(inputSize), a.MaskingProbability, 0, a.Architecture(inputSize)),
                AutoencoderKind.Linear => new LinearAutoencoder(inputSize, a.LatentSizeFor(inputSize)),
                _ => throw new ArgumentOutOfRangeException(nameof(a.Kind), a.Kind, "Unknown autoencoder kind."),
            },
            VectorQuantizedOptions q => new VectorQuantizedAutoencoder(inputSize, q.LatentSizeFor(inputSize), q.CodebookSize, q.Stages, q.CommitmentWeight,
                                                                       q.Architecture(inputSize)),
            AdversarialAutoencoderOptions a => new AdversarialAutoencoder(inputSize, a.LatentSizeFor(inputSize),
                                                                          a.CodeMatching == CodeMatching.MaximumMeanDiscrepancy ? a.MmdWeight : a.AdversarialWeight,
                                                                          a.Architecture(inputSize), a.PriorComponents, a.CodeMatching, a.PriorSpread, a.GradientPenalty),
            GanOptions g => new GenerativeAdversarialNetwork(inputSize, g.LatentSizeFor(inputSize), g.Architecture(inputSize)),
            _ => throw new ArgumentException($"Unknown options type {options.GetType().Name}.", nameof(options)),
        };

        static VaeOptions Vae(VariationalAutoencoderOptions v) =>
            new() { Likelihood = v.Likelihood, Beta = v.BetaSchedule ?? Training.Objectives.BetaSchedule.Constant(v.Beta) };
    }
}

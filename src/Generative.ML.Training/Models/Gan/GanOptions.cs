using System;
using Generative.ML.Training.Models;

namespace Generative.ML
{
    /// <summary>
    /// The GAN's settings for GanSample and GanAnomalyScore. A GAN has no encoder: it generates rows, and scores a row by
    /// how unlike the training rows its discriminator finds it (-logit D(x)), with no per-feature contributions.
    /// </summary>
    public sealed class GanOptions : GenerativeEstimatorOptions
    {
        /// <summary>The defaults: leaky ReLU units and no contributions column.</summary>
        public GanOptions()
        {
            // The discriminator's score belongs to no feature, and leaky units keep its gradients alive for the generator.
            FeatureContributionsColumnName = null;
            Activation = Activation.LeakyReLU;
        }

        internal override GenerativeModel CreateModel(int inputSize, int conditionSize) =>
            new GenerativeAdversarialNetwork(inputSize, LatentSizeFor(inputSize), Architecture(inputSize));

        /// <summary>A GAN has no encoder: it samples, and scores by its discriminator.</summary>
        internal override ModelCapabilities Capabilities => ModelCapabilities.Sample | ModelCapabilities.Score;

        internal override string FamilyName => "GAN";

        internal override AnomalyScoreKind ScoreKind => AnomalyScoreKind.Default; // its discriminator

        internal override void Validate()
        {
            base.Validate();
            if (FeatureContributionsColumnName is not null)
                throw new ArgumentException("A GAN's discriminator score has no per-feature contributions: leave FeatureContributionsColumnName null.",
                                            nameof(FeatureContributionsColumnName));
            if (EarlyStoppingPatience is not null)
                throw new ArgumentException("A GAN's losses do not fall as it learns (the two players trade them): early stopping has nothing to watch.",
                                            nameof(EarlyStoppingPatience));
            if (EnsembleSize != 1)
                throw new ArgumentOutOfRangeException(nameof(EnsembleSize), EnsembleSize, "A GAN scores by its one discriminator: ensembles are for models that reconstruct.");
        }
    }
}

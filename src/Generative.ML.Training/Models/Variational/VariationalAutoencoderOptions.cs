using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Training;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;

namespace Generative.ML
{
    /// <summary>The variational autoencoder's settings for the Vae* transforms.</summary>
    public sealed class VariationalAutoencoderOptions : GenerativeEstimatorOptions
    {
        /// <summary>p(x | z): a Gaussian with a learned per-feature variance (default), a fixed variance, or Bernoulli for data in [0, 1].</summary>
        public Likelihood Likelihood { get; set; } = Likelihood.GaussianLearnedVariance;

        /// <summary>The KL weight (1 = the true ELBO, with both terms summed over dimensions).</summary>
        public double Beta { get; set; } = 1;

        /// <summary>A schedule for the KL weight over the epochs (linear warm-up, cyclical); when set, it replaces <see cref="Beta"/>.</summary>
        public BetaSchedule? BetaSchedule { get; set; }

        /// <summary>
        /// VaeAnomalyScore's score: the negative ELBO (default), the reconstruction error, the importance-weighted
        /// negative log-likelihood (64 draws fixed in the graph: deterministic, tighter, 64 decoder passes a row), or
        /// the reconstruction NLL plus the latent Mahalanobis distance from the training rows' codes, or the negative ELBO
        /// plus the distance to the k nearest training codes, or the negative ELBO plus how tight a row's training
        /// neighbourhood is (for a cluster of anomalies in the training rows that trimming cannot remove).
        /// docs/anomaly-detection.md says which wins where, as the quality benchmark measured it.
        /// </summary>
        public AnomalyScoreKind Score { get; set; } = AnomalyScoreKind.NegativeElbo;

        /// <summary>
        /// A known-size Single vector column given with every row (a one-hot class, or any side information): the model
        /// is then the conditional VAE, q(z | x, c) and p(x | z, c), and every transform reads this column too.
        /// </summary>
        public string? ConditionColumnName { get; set; }

        /// <summary>
        /// Above 0, the model is the VAE-GAN: a discriminator on rows is trained against the data, reconstructions and
        /// decoded prior draws, and the decoder also minimises gamma * D times the non-saturating generator loss (D the
        /// row's width). Samples come out sharper; 0.1 worked on the 8x8 digits. Unconditional models only.
        /// </summary>
        public double AdversarialWeight { get; set; }

        /// <summary>The VAE-GAN's weight of a reconstruction error in the discriminator's feature space; 0 leaves it out.</summary>
        public double FeatureMatchingWeight { get; set; }

        /// <summary>
        /// The weight of a neighbourhood term beside the negative ELBO: t-SNE's KL divergence between each training row's
        /// input neighbours and its code's (parametric t-SNE), so that rows that are neighbours in the data stay neighbours in
        /// the code. It shapes training only: the encoder graph, Save/Load and LoadBatched are as without it, and new rows
        /// are placed by the encoder. 0 (the default) leaves it out; <see cref="MapNeighbourhoodWeight"/> is the value
        /// docs/dimensionality-reduction.md measured for 2-D maps. A fit takes several times as long with it, and the
        /// codes no longer follow the prior, so samples from such a model are poorer. Unconditional models only.
        /// </summary>
        public double NeighbourhoodWeight { get; set; }

        /// <summary>The neighbourhood weight measured for 2-D maps by `./build.sh bench embed` (docs/dimensionality-reduction.md).</summary>
        public const double MapNeighbourhoodWeight = 30;

        /// <summary>The neighbourhood term's perplexity: the effective number of input neighbours each row keeps (t-SNE's default, 30).</summary>
        public double Perplexity { get; set; } = 30;

        /// <summary>VaeEncode also gives the posterior log-variance under this name; null leaves it out.</summary>
        public string? LogVarianceColumnName { get; set; }

        internal override GenerativeModel CreateModel(int inputSize, int conditionSize)
        {
            var vae = new VaeOptions { Likelihood = Likelihood, Beta = BetaSchedule ?? global::Generative.ML.BetaSchedule.Constant(Beta) };
            if (conditionSize > 0)
                return new ConditionalVariationalAutoencoder(inputSize, conditionSize, LatentSizeFor(inputSize), Architecture(inputSize), vae);
            if (AdversarialWeight > 0)
                return new VaeGan(inputSize, LatentSizeFor(inputSize), Architecture(inputSize), vae, AdversarialWeight, FeatureMatchingWeight);
            return new VariationalAutoencoder(inputSize, LatentSizeFor(inputSize), Architecture(inputSize), vae);
        }

        internal override ModelCapabilities Capabilities => base.Capabilities | ModelCapabilities.Sample
                                                           | (ConditionColumnName is null ? ModelCapabilities.None : ModelCapabilities.Condition);

        internal override string FamilyName => "VAE";

        internal override string? ConditionColumn => ConditionColumnName;

        /// <summary>The Bernoulli likelihood models the data as it is (values in [0, 1]): no scaling.</summary>
        internal override bool ScalesFeatures => base.ScalesFeatures && Likelihood != Likelihood.Bernoulli;

        internal override AnomalyScoreKind ScoreKind => Score;

        /// <summary>
        /// The plain VAE's scores a label column chooses among: <see cref="Score"/>, then the negative ELBO, the
        /// reconstruction error, the latent Mahalanobis, the latent-neighbours and the cluster-tightness scores (not the
        /// importance-weighted one: it tied the ELBO here at 64 decoder passes a row). Conditional models and the VAE-GAN keep <see cref="Score"/>.
        /// </summary>
        internal override IReadOnlyList<AnomalyScoreKind> ScoreCandidates => ConditionColumnName is not null || AdversarialWeight > 0
            ? new[] { Score }
            : new[] { Score == AnomalyScoreKind.Default ? AnomalyScoreKind.NegativeElbo : Score, AnomalyScoreKind.NegativeElbo, AnomalyScoreKind.ReconstructionError, AnomalyScoreKind.LatentMahalanobisPlusReconstruction,
                      AnomalyScoreKind.NegativeElboPlusLatentNeighbours, AnomalyScoreKind.NegativeElboPlusClusterTightness,
                      AnomalyScoreKind.NegativeElboPlusKnownAnomalies }.Distinct().ToArray();

        internal override string? LogVarianceColumn => LogVarianceColumnName;

        /// <summary>The latent-Mahalanobis score needs the training codes' Gaussian; the latent-neighbours score, the codes; the cluster-tightness score, the rows.</summary>
        internal override void AfterTraining(GenerativeModel model, TrainingData scaledRows, int seed, AnomalyScoreKind score, TrainingData? knownAnomalies = null)
        {
            if (score == AnomalyScoreKind.NegativeElboPlusKnownAnomalies)
                ((VariationalAutoencoder)model).FitKnownAnomalies(scaledRows, knownAnomalies ?? throw new InvalidTrainingDataException(
                    "The known-anomalies score needs rows marked as known anomalies in the label column.", nameof(LabelColumnName)), seed);
            if (score == AnomalyScoreKind.LatentMahalanobisPlusReconstruction) ((VariationalAutoencoder)model).FitAggregatePosterior(scaledRows);
            if (score == AnomalyScoreKind.NegativeElboPlusLatentNeighbours)
                ((VariationalAutoencoder)model).FitLatentNeighbours(scaledRows, Contamination, seed);
            if (score == AnomalyScoreKind.NegativeElboPlusClusterTightness)
                ((VariationalAutoencoder)model).FitClusterTightness(scaledRows, Contamination, seed);
        }

        /// <summary>The neighbourhood term's affinities, computed on the scaled training rows before training (when its weight is above 0).</summary>
        internal override void BeforeTraining(GenerativeModel model, TrainingData scaledRows, int seed)
        {
            if (NeighbourhoodWeight > 0) ((VariationalAutoencoder)model).UseNeighbourhood(scaledRows, NeighbourhoodWeight, Perplexity, seed);
        }

        internal override void Validate()
        {
            base.Validate();
            Check.FiniteNonNegative(NeighbourhoodWeight, nameof(NeighbourhoodWeight), "The neighbourhood weight");
            if (NeighbourhoodWeight > 0 && (ConditionColumnName is not null || AdversarialWeight > 0))
                throw new ArgumentException("The neighbourhood term is for the plain VAE: leave ConditionColumnName null and AdversarialWeight 0, or NeighbourhoodWeight 0.",
                                            nameof(NeighbourhoodWeight));
            if (!(Perplexity >= 1 && Perplexity <= 1000))
                throw new ArgumentOutOfRangeException(nameof(Perplexity), Perplexity, "The perplexity must be in [1, 1000].");
            Check.FiniteNonNegative(Beta, nameof(Beta), "Beta");
            Check.FiniteNonNegative(AdversarialWeight, nameof(AdversarialWeight), "The adversarial weight");
            Check.FiniteNonNegative(FeatureMatchingWeight, nameof(FeatureMatchingWeight), "The feature-matching weight");
            if (FeatureMatchingWeight > 0 && AdversarialWeight == 0)
                throw new ArgumentException("Feature matching uses the VAE-GAN's discriminator: set AdversarialWeight above 0 too.", nameof(FeatureMatchingWeight));
            if (AdversarialWeight > 0 && ConditionColumnName is not null)
                throw new ArgumentException("The VAE-GAN is for unconditional models: leave ConditionColumnName null or AdversarialWeight 0.", nameof(AdversarialWeight));
            if (Score == AnomalyScoreKind.NegativeElboPlusKnownAnomalies && (LabelColumnName is null || ConditionColumnName is not null || AdversarialWeight > 0))
                throw new ArgumentException("The known-anomalies score reads the known anomalies of a label column: set LabelColumnName (plain VAE only).", nameof(Score));
            if (Score == AnomalyScoreKind.ImportanceWeightedNll && ConditionColumnName is not null)
                throw new ArgumentException("The importance-weighted score is for unconditional models.", nameof(Score));
        }
    }
}

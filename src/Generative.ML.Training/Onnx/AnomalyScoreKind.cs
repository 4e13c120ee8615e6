using Generative.ML.Training.Onnx;
namespace Generative.ML
{
    /// <summary>Which per-row value the scorer graph publishes as its anomaly score.</summary>
    public enum AnomalyScoreKind
    {
        /// <summary>The model's own: the negative ELBO for the VAE family, the reconstruction error for plain autoencoders.</summary>
        Default,

        /// <summary>The mean squared reconstruction error per row, for any model.</summary>
        ReconstructionError,

        /// <summary>The negative ELBO (z = mu, analytic KL), VAE family only.</summary>
        NegativeElbo,

        /// <summary>
        /// The importance-weighted estimate of -log p(x) (the IWAE bound) with <see cref="Training.Onnx.OnnxExportOptions.ImportanceSamples"/>
        /// draws fixed in the graph; unconditional VAE family only. Tighter than the negative ELBO, and K decoder passes a row.
        /// </summary>
        ImportanceWeightedNll,

        /// <summary>
        /// -log p(x | z = mu) + 0.5 * the squared Mahalanobis distance of mu from a Gaussian fitted to the training rows'
        /// posterior means (<see cref="Training.Models.VariationalAutoencoder.AggregatePosterior"/>): the negative ELBO with its KL
        /// to N(0, I) replaced by the distance from where normal rows' codes actually lie. VAE family only.
        /// </summary>
        LatentMahalanobisPlusReconstruction,

        /// <summary>
        /// The negative ELBO plus the mean distance of mu to its k nearest training codes
        /// (<see cref="Training.Models.LatentNeighbours"/>), each as (value - training median) / training IQR, with k the
        /// expected number of anomalies among the training rows: a row of a group smaller than that (a cluster of
        /// anomalies learned as a mode of its own) is far from most of its neighbours. VAE family only.
        /// </summary>
        NegativeElboPlusLatentNeighbours,

        /// <summary>
        /// The negative ELBO plus how much tighter a row's nearest training rows are than its wider neighbourhood
        /// (<see cref="Training.Models.ClusterTightness"/>: ln of the distance to the 2 x expected-anomaly-count-th
        /// neighbour over the distance to the 5th, in the scaled inputs), counted only where it is more than one IQR above the
        /// training rows' median. For contamination that trimming cannot remove: a tight cluster of anomalies that the model
        /// fitted as a mode of its own is denser and smaller than any normal mode. Scoring a row costs one distance per
        /// reference row (at most 512) and a partial sort of them: measured about 15 times slower than the negative ELBO
        /// at 64 features (docs/anomaly-detection.md). VAE family only.
        /// </summary>
        NegativeElboPlusClusterTightness,

        /// <summary>
        /// The negative ELBO plus how much nearer a row lies to a known anomaly than to its 5th nearest training row
        /// (<see cref="Training.Models.KnownAnomalyProximity"/>), counted only where that is more than one IQR above the
        /// training rows' median: rows like the labelled anomalies score high even where the model fits them well. Needs a
        /// label column with known anomalies (<see cref="GenerativeEstimatorOptions.LabelColumnName"/>); a candidate of the
        /// label-driven choice. Scoring a row costs one distance per reference row (at most 512) and per known anomaly. VAE family only.
        /// </summary>
        NegativeElboPlusKnownAnomalies,
    }
}

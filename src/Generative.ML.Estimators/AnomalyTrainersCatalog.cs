using Generative.ML;
using Generative.ML.Estimators;
using Defaults = Generative.ML.TrainingOptionsBase.Defaults;

namespace Microsoft.ML
{
    /// <summary>
    /// The VAE and autoencoder anomaly detectors where ML.NET users look for detectors, beside RandomizedPca:
    /// <c>mlContext.AnomalyDetection.Trainers</c>. They give <c>Score</c> (higher is more anomalous) and
    /// <c>PredictedLabel</c>, as <c>AnomalyDetection.Evaluate</c> expects, and are the same estimators as
    /// <c>mlContext.Transforms.VaeAnomalyScore</c> and <c>AutoencoderAnomalyScore</c>.
    /// </summary>
    public static class AnomalyTrainersCatalog
    {
        /// <summary>A variational autoencoder scoring rows by their negative ELBO (the options can choose another score).</summary>
        public static GenerativeEstimator VariationalAutoencoder(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog,
                                                                 string featureColumnName, VariationalAutoencoderOptions options) =>
            new(catalog, GenerativeOutput.AnomalyScore, Defaults.ScoreColumnName, featureColumnName, options);

        /// <summary>A variational autoencoder with the common settings; everything else at its default.</summary>
        /// <param name="catalog">The anomaly-detection trainers.</param>
        /// <param name="featureColumnName">A known-size vector of Single.</param>
        /// <param name="latentSize">Size of z; null picks it from the input width.</param>
        /// <param name="contamination">Share of the training rows expected to be anomalies: sets the PredictedLabel threshold.</param>
        /// <param name="epochs">Passes over the rows; null picks them from the row count.</param>
        /// <param name="seed">The same seed gives the same model.</param>
        public static GenerativeEstimator VariationalAutoencoder(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog, string featureColumnName = Defaults.FeatureColumnName,
                                                                 int? latentSize = null, double contamination = Defaults.Contamination, int? epochs = null, int? seed = null) =>
            catalog.VariationalAutoencoder(featureColumnName,
                                           new VariationalAutoencoderOptions { LatentSize = latentSize, Contamination = contamination, Epochs = epochs, Seed = seed });

        /// <summary>An autoencoder scoring rows by their reconstruction error.</summary>
        public static GenerativeEstimator Autoencoder(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog,
                                                      string featureColumnName, AutoencoderOptions options) =>
            new(catalog, GenerativeOutput.AnomalyScore, Defaults.ScoreColumnName, featureColumnName, options);

        /// <summary>An autoencoder with the common settings; everything else at its default.</summary>
        /// <param name="catalog">The anomaly-detection trainers.</param>
        /// <param name="featureColumnName">A known-size vector of Single.</param>
        /// <param name="latentSize">Size of the code; null picks it from the input width.</param>
        /// <param name="contamination">Share of the training rows expected to be anomalies: sets the PredictedLabel threshold.</param>
        /// <param name="epochs">Passes over the rows; null picks them from the row count.</param>
        /// <param name="seed">The same seed gives the same model.</param>
        public static GenerativeEstimator Autoencoder(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog, string featureColumnName = Defaults.FeatureColumnName,
                                                      int? latentSize = null, double contamination = Defaults.Contamination, int? epochs = null, int? seed = null) =>
            catalog.Autoencoder(featureColumnName, new AutoencoderOptions { LatentSize = latentSize, Contamination = contamination, Epochs = epochs, Seed = seed });
    }
}

using Generative.ML;
using Generative.ML.Estimators;
using Defaults = Generative.ML.TrainingOptionsBase.Defaults;

namespace Microsoft.ML
{
    /// <summary>
    /// The adversarial models as ML.NET transforms: the adversarial autoencoder (encode, reconstruct, score, sample) and
    /// the GAN (sample, and score by its discriminator: it has no encoder). The VAE-GAN is the VAE with
    /// <see cref="VariationalAutoencoderOptions.AdversarialWeight"/> above 0, through the Vae* transforms.
    /// </summary>
    public static class AdversarialCatalog
    {
        /// <summary>The adversarial autoencoder's code of each row (the mean of its Gaussian posterior).</summary>
        public static GenerativeEstimator AdversarialAutoencoderEncode(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName, AdversarialAutoencoderOptions options) =>
            new(catalog, GenerativeOutput.Encode, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>AdversarialAutoencoderEncode with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator AdversarialAutoencoderEncode(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, int? latentSize = null, int? epochs = null, int? seed = null) =>
            catalog.AdversarialAutoencoderEncode(outputColumnName, inputColumnName, new AdversarialAutoencoderOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>The adversarial autoencoder's reconstruction of each row.</summary>
        public static GenerativeEstimator AdversarialAutoencoderReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName, AdversarialAutoencoderOptions options) =>
            new(catalog, GenerativeOutput.Reconstruct, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>AdversarialAutoencoderReconstruct with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator AdversarialAutoencoderReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, int? latentSize = null, int? epochs = null, int? seed = null) =>
            catalog.AdversarialAutoencoderReconstruct(outputColumnName, inputColumnName, new AdversarialAutoencoderOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>Score (the reconstruction error) and PredictedLabel.</summary>
        public static GenerativeEstimator AdversarialAutoencoderAnomalyScore(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, AdversarialAutoencoderOptions options) =>
            new(catalog, GenerativeOutput.AnomalyScore, outputColumnName, inputColumnName, options);

        /// <summary>AdversarialAutoencoderAnomalyScore with the common settings (latent size, contamination, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator AdversarialAutoencoderAnomalyScore(this TransformsCatalog catalog, string outputColumnName = Defaults.ScoreColumnName, string inputColumnName = Defaults.FeatureColumnName, int? latentSize = null, double contamination = Defaults.Contamination, int? epochs = null, int? seed = null) =>
            catalog.AdversarialAutoencoderAnomalyScore(outputColumnName, inputColumnName, new AdversarialAutoencoderOptions { LatentSize = latentSize, Contamination = contamination, Epochs = epochs, Seed = seed });

        /// <summary>A row decoded from z ~ N(0, I) per row of the data, decided by its Single <paramref name="seedColumnName"/>.</summary>
        public static GenerativeEstimator AdversarialAutoencoderSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName, string featureColumnName, AdversarialAutoencoderOptions options) =>
            new(catalog, GenerativeOutput.Sample, outputColumnName, featureColumnName, options, seedColumnName);

        /// <summary>AdversarialAutoencoderSample with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator AdversarialAutoencoderSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName, string featureColumnName = Defaults.FeatureColumnName, int? latentSize = null, int? epochs = null, int? seed = null) =>
            catalog.AdversarialAutoencoderSample(outputColumnName, seedColumnName, featureColumnName, new AdversarialAutoencoderOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>A generated row G(z) per row of the data, decided by its Single <paramref name="seedColumnName"/>.</summary>
        public static GenerativeEstimator GanSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName, string featureColumnName, GanOptions options) =>
            new(catalog, GenerativeOutput.Sample, outputColumnName, featureColumnName, options, seedColumnName);

        /// <summary>GanSample with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator GanSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName, string featureColumnName = Defaults.FeatureColumnName, int? latentSize = null, int? epochs = null, int? seed = null) =>
            catalog.GanSample(outputColumnName, seedColumnName, featureColumnName, new GanOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>
        /// Score (-logit D(x): how unlike the training rows the discriminator finds a row) and PredictedLabel. No
        /// per-feature contributions. docs/anomaly-detection.md says how it compares with the VAE's score.
        /// </summary>
        public static GenerativeEstimator GanAnomalyScore(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, GanOptions options) =>
            new(catalog, GenerativeOutput.AnomalyScore, outputColumnName, inputColumnName, options);

        /// <summary>GanAnomalyScore with the common settings (latent size, contamination, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator GanAnomalyScore(this TransformsCatalog catalog, string outputColumnName = Defaults.ScoreColumnName, string inputColumnName = Defaults.FeatureColumnName, int? latentSize = null, double contamination = Defaults.Contamination, int? epochs = null, int? seed = null) =>
            catalog.GanAnomalyScore(outputColumnName, inputColumnName, new GanOptions { LatentSize = latentSize, Contamination = contamination, Epochs = epochs, Seed = seed });
    }
}

using Generative.ML;
using Generative.ML.Estimators;

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
        public static GenerativeEstimator AdversarialAutoencoderEncode(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
                                                                       AdversarialAutoencoderOptions? options = null) =>
            new(GenerativeOutput.Encode, outputColumnName, inputColumnName ?? outputColumnName, options ?? new AdversarialAutoencoderOptions());

        /// <summary>The adversarial autoencoder's reconstruction of each row.</summary>
        public static GenerativeEstimator AdversarialAutoencoderReconstruct(this TransformsCatalog catalog, string outputColumnName,
                                                                            string? inputColumnName = null, AdversarialAutoencoderOptions? options = null) =>
            new(GenerativeOutput.Reconstruct, outputColumnName, inputColumnName ?? outputColumnName, options ?? new AdversarialAutoencoderOptions());

        /// <summary>Score (the reconstruction error) and PredictedLabel.</summary>
        public static GenerativeEstimator AdversarialAutoencoderAnomalyScore(this TransformsCatalog catalog, string featureColumnName = "Features",
                                                                             AdversarialAutoencoderOptions? options = null) =>
            new(GenerativeOutput.AnomalyScore, "Score", featureColumnName, options ?? new AdversarialAutoencoderOptions());

        /// <summary>A row decoded from z ~ N(0, I) per row of the data, decided by its Single <paramref name="seedColumnName"/>.</summary>
        public static GenerativeEstimator AdversarialAutoencoderSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName,
                                                                       string featureColumnName = "Features", AdversarialAutoencoderOptions? options = null) =>
            new(GenerativeOutput.Sample, outputColumnName, featureColumnName, options ?? new AdversarialAutoencoderOptions(), seedColumnName);

        /// <summary>A generated row G(z) per row of the data, decided by its Single <paramref name="seedColumnName"/>.</summary>
        public static GenerativeEstimator GanSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName,
                                                    string featureColumnName = "Features", GanOptions? options = null) =>
            new(GenerativeOutput.Sample, outputColumnName, featureColumnName, options ?? new GanOptions(), seedColumnName);

        /// <summary>
        /// Score (-logit D(x): how unlike the training rows the discriminator finds a row) and PredictedLabel. No
        /// per-feature contributions. The README's anomaly-detection section says how it compares with the VAE's score.
        /// </summary>
        public static GenerativeEstimator GanAnomalyScore(this TransformsCatalog catalog, string featureColumnName = "Features", GanOptions? options = null) =>
            new(GenerativeOutput.AnomalyScore, "Score", featureColumnName, options ?? new GanOptions());
    }
}

using Generative.ML;
using Generative.ML.Estimators;
using Defaults = Generative.ML.TrainingOptionsBase.Defaults;

namespace Microsoft.ML
{
    /// <summary>
    /// Autoencoders and variational autoencoders as ML.NET transforms: each trains on Fit and scores through ONNX Runtime.
    /// Output columns: Encode gives a known-size Single vector of LatentSize; Reconstruct a vector of the input's size;
    /// AnomalyScore adds Score (Single) and PredictedLabel (Boolean).
    /// </summary>
    public static class GenerativeCatalog
    {
        /// <summary>The VAE's posterior mean of each row. <paramref name="inputColumnName"/> defaults to <paramref name="outputColumnName"/>.</summary>
        public static GenerativeEstimator VaeEncode(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName, VariationalAutoencoderOptions options) =>
            new(catalog, GenerativeOutput.Encode, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>VaeEncode with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VaeEncode(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, int? latentSize = null, int? epochs = null, int? seed = null) =>
            catalog.VaeEncode(outputColumnName, inputColumnName, new VariationalAutoencoderOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>The VAE's reconstruction of each row (the mean of p(x | z = mu)).</summary>
        public static GenerativeEstimator VaeReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName, VariationalAutoencoderOptions options) =>
            new(catalog, GenerativeOutput.Reconstruct, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>VaeReconstruct with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VaeReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, int? latentSize = null, int? epochs = null, int? seed = null) =>
            catalog.VaeReconstruct(outputColumnName, inputColumnName, new VariationalAutoencoderOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>Score (the negative ELBO by default) and PredictedLabel, thresholded at the training rows' contamination quantile.</summary>
        public static GenerativeEstimator VaeAnomalyScore(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, VariationalAutoencoderOptions options) =>
            new(catalog, GenerativeOutput.AnomalyScore, outputColumnName, inputColumnName, options);

        /// <summary>VaeAnomalyScore with the common settings (latent size, contamination, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VaeAnomalyScore(this TransformsCatalog catalog, string outputColumnName = Defaults.ScoreColumnName, string inputColumnName = Defaults.FeatureColumnName, int? latentSize = null, double contamination = Defaults.Contamination, int? epochs = null, int? seed = null) =>
            catalog.VaeAnomalyScore(outputColumnName, inputColumnName, new VariationalAutoencoderOptions { LatentSize = latentSize, Contamination = contamination, Epochs = epochs, Seed = seed });

        /// <summary>
        /// Trains on <paramref name="featureColumnName"/>; the transform then generates a row for each row of the data it
        /// is given, decided by that row's Single <paramref name="seedColumnName"/>: equal seeds give equal rows.
        /// </summary>
        public static GenerativeEstimator VaeSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName, string featureColumnName, VariationalAutoencoderOptions options) =>
            new(catalog, GenerativeOutput.Sample, outputColumnName, featureColumnName, options, seedColumnName);

        /// <summary>VaeSample with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VaeSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName, string featureColumnName = Defaults.FeatureColumnName, int? latentSize = null, int? epochs = null, int? seed = null) =>
            catalog.VaeSample(outputColumnName, seedColumnName, featureColumnName, new VariationalAutoencoderOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>The autoencoder's code of each row.</summary>
        public static GenerativeEstimator AutoencoderEncode(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName, AutoencoderOptions options) =>
            new(catalog, GenerativeOutput.Encode, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>AutoencoderEncode with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator AutoencoderEncode(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, int? latentSize = null, int? epochs = null, int? seed = null) =>
            catalog.AutoencoderEncode(outputColumnName, inputColumnName, new AutoencoderOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>The autoencoder's reconstruction of each row.</summary>
        public static GenerativeEstimator AutoencoderReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName, AutoencoderOptions options) =>
            new(catalog, GenerativeOutput.Reconstruct, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>AutoencoderReconstruct with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator AutoencoderReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, int? latentSize = null, int? epochs = null, int? seed = null) =>
            catalog.AutoencoderReconstruct(outputColumnName, inputColumnName, new AutoencoderOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>Score (the reconstruction error) and PredictedLabel.</summary>
        public static GenerativeEstimator AutoencoderAnomalyScore(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, AutoencoderOptions options) =>
            new(catalog, GenerativeOutput.AnomalyScore, outputColumnName, inputColumnName, options);

        /// <summary>AutoencoderAnomalyScore with the common settings (latent size, contamination, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator AutoencoderAnomalyScore(this TransformsCatalog catalog, string outputColumnName = Defaults.ScoreColumnName, string inputColumnName = Defaults.FeatureColumnName, int? latentSize = null, double contamination = Defaults.Contamination, int? epochs = null, int? seed = null) =>
            catalog.AutoencoderAnomalyScore(outputColumnName, inputColumnName, new AutoencoderOptions { LatentSize = latentSize, Contamination = contamination, Epochs = epochs, Seed = seed });

        // Any model family, by its options: a family needs no catalog method of its own to be used.

        /// <summary>Each row's code (or posterior mean) under the model <paramref name="options"/> describe.</summary>
        public static GenerativeEstimator GenerativeEncode(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName,
                                                           GenerativeEstimatorOptions options) =>
            new(catalog, GenerativeOutput.Encode, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>Each row's reconstruction under the model <paramref name="options"/> describe.</summary>
        public static GenerativeEstimator GenerativeReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName,
                                                                GenerativeEstimatorOptions options) =>
            new(catalog, GenerativeOutput.Reconstruct, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>
        /// The anomaly score under <paramref name="outputColumnName"/>, with the options' PredictedLabel and contributions
        /// columns, under the model <paramref name="options"/> describe (its default score unless they choose one).
        /// </summary>
        public static GenerativeEstimator GenerativeAnomalyScore(this TransformsCatalog catalog, string outputColumnName, string inputColumnName,
                                                                 GenerativeEstimatorOptions options) =>
            new(catalog, GenerativeOutput.AnomalyScore, outputColumnName, inputColumnName, options);

        /// <summary>
        /// Trains on <paramref name="featureColumnName"/>; then a generated row per row of the data, decided by its integer
        /// <paramref name="seedColumnName"/>, from the model <paramref name="options"/> describe.
        /// </summary>
        public static GenerativeEstimator GenerativeSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName,
                                                           string featureColumnName, GenerativeEstimatorOptions options) =>
            new(catalog, GenerativeOutput.Sample, outputColumnName, featureColumnName, options, seedColumnName);
    }
}

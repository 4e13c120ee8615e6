using Generative.ML;
using Generative.ML.Estimators;

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
            new(GenerativeOutput.Encode, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>VaeEncode with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VaeEncode(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, int? latentSize = null, int? epochs = null, int seed = 0) =>
            catalog.VaeEncode(outputColumnName, inputColumnName, new VariationalAutoencoderOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>The VAE's reconstruction of each row (the mean of p(x | z = mu)).</summary>
        public static GenerativeEstimator VaeReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName, VariationalAutoencoderOptions options) =>
            new(GenerativeOutput.Reconstruct, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>VaeReconstruct with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VaeReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, int? latentSize = null, int? epochs = null, int seed = 0) =>
            catalog.VaeReconstruct(outputColumnName, inputColumnName, new VariationalAutoencoderOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>Score (the negative ELBO by default) and PredictedLabel, thresholded at the training rows' contamination quantile.</summary>
        public static GenerativeEstimator VaeAnomalyScore(this TransformsCatalog catalog, string featureColumnName, VariationalAutoencoderOptions options) =>
            new(GenerativeOutput.AnomalyScore, "Score", featureColumnName, options);

        /// <summary>VaeAnomalyScore with the common settings (latent size, contamination, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VaeAnomalyScore(this TransformsCatalog catalog, string featureColumnName = "Features", int? latentSize = null, double contamination = 0.05, int? epochs = null, int seed = 0) =>
            catalog.VaeAnomalyScore(featureColumnName, new VariationalAutoencoderOptions { LatentSize = latentSize, Contamination = contamination, Epochs = epochs, Seed = seed });

        /// <summary>
        /// Trains on <paramref name="featureColumnName"/>; the transform then generates a row for each row of the data it
        /// is given, decided by that row's Single <paramref name="seedColumnName"/>: equal seeds give equal rows.
        /// </summary>
        public static GenerativeEstimator VaeSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName, string featureColumnName, VariationalAutoencoderOptions options) =>
            new(GenerativeOutput.Sample, outputColumnName, featureColumnName, options, seedColumnName);

        /// <summary>VaeSample with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VaeSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName, string featureColumnName = "Features", int? latentSize = null, int? epochs = null, int seed = 0) =>
            catalog.VaeSample(outputColumnName, seedColumnName, featureColumnName, new VariationalAutoencoderOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>The autoencoder's code of each row.</summary>
        public static GenerativeEstimator AutoencoderEncode(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName, AutoencoderOptions options) =>
            new(GenerativeOutput.Encode, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>AutoencoderEncode with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator AutoencoderEncode(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, int? latentSize = null, int? epochs = null, int seed = 0) =>
            catalog.AutoencoderEncode(outputColumnName, inputColumnName, new AutoencoderOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>The autoencoder's reconstruction of each row.</summary>
        public static GenerativeEstimator AutoencoderReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName, AutoencoderOptions options) =>
            new(GenerativeOutput.Reconstruct, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>AutoencoderReconstruct with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator AutoencoderReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, int? latentSize = null, int? epochs = null, int seed = 0) =>
            catalog.AutoencoderReconstruct(outputColumnName, inputColumnName, new AutoencoderOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>Score (the reconstruction error) and PredictedLabel.</summary>
        public static GenerativeEstimator AutoencoderAnomalyScore(this TransformsCatalog catalog, string featureColumnName, AutoencoderOptions options) =>
            new(GenerativeOutput.AnomalyScore, "Score", featureColumnName, options);

        /// <summary>AutoencoderAnomalyScore with the common settings (latent size, contamination, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator AutoencoderAnomalyScore(this TransformsCatalog catalog, string featureColumnName = "Features", int? latentSize = null, double contamination = 0.05, int? epochs = null, int seed = 0) =>
            catalog.AutoencoderAnomalyScore(featureColumnName, new AutoencoderOptions { LatentSize = latentSize, Contamination = contamination, Epochs = epochs, Seed = seed });

        // Any model family, by its options: a family needs no catalog method of its own to be used.

        /// <summary>Each row's code (or posterior mean) under the model <paramref name="options"/> describe.</summary>
        public static GenerativeEstimator GenerativeEncode(this TransformsCatalog catalog, GenerativeEstimatorOptions options, string outputColumnName,
                                                           string? inputColumnName = null) =>
            new(GenerativeOutput.Encode, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>Each row's reconstruction under the model <paramref name="options"/> describe.</summary>
        public static GenerativeEstimator GenerativeReconstruct(this TransformsCatalog catalog, GenerativeEstimatorOptions options, string outputColumnName,
                                                                string? inputColumnName = null) =>
            new(GenerativeOutput.Reconstruct, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>Score and PredictedLabel under the model <paramref name="options"/> describe (its default score unless they choose one).</summary>
        public static GenerativeEstimator GenerativeAnomalyScore(this TransformsCatalog catalog, GenerativeEstimatorOptions options,
                                                                 string featureColumnName = "Features") =>
            new(GenerativeOutput.AnomalyScore, "Score", featureColumnName, options);

        /// <summary>A generated row per row of the data, decided by its Single <paramref name="seedColumnName"/>, from the model <paramref name="options"/> describe.</summary>
        public static GenerativeEstimator GenerativeSample(this TransformsCatalog catalog, GenerativeEstimatorOptions options, string outputColumnName,
                                                           string seedColumnName, string featureColumnName = "Features") =>
            new(GenerativeOutput.Sample, outputColumnName, featureColumnName, options, seedColumnName);
    }
}

using Generative.ML;
using Generative.ML.Estimators;
using Defaults = Generative.ML.TrainingOptionsBase.Defaults;

namespace Microsoft.ML
{
    /// <summary>
    /// The VQ-VAE (and residual VQ-VAE, with <see cref="VectorQuantizedOptions.Stages"/> above 1) as ML.NET transforms.
    /// Encode gives the quantised code (LatentSize Singles) and, optionally, the code index per stage; Sample draws code
    /// combinations with the shares the training rows took them.
    /// </summary>
    public static class VectorQuantizedCatalog
    {
        /// <summary>The quantised code of each row (and its code indices with <see cref="VectorQuantizedOptions.CodeIndicesColumnName"/>).</summary>
        public static GenerativeEstimator VectorQuantizedEncode(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName, VectorQuantizedOptions options) =>
            new(catalog, GenerativeOutput.Encode, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>VectorQuantizedEncode with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VectorQuantizedEncode(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, int? latentSize = null, int? epochs = null, int? seed = null) =>
            catalog.VectorQuantizedEncode(outputColumnName, inputColumnName, new VectorQuantizedOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>decode(quantise(encode(x))) for each row.</summary>
        public static GenerativeEstimator VectorQuantizedReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName, VectorQuantizedOptions options) =>
            new(catalog, GenerativeOutput.Reconstruct, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>VectorQuantizedReconstruct with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VectorQuantizedReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, int? latentSize = null, int? epochs = null, int? seed = null) =>
            catalog.VectorQuantizedReconstruct(outputColumnName, inputColumnName, new VectorQuantizedOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>Score (the reconstruction error through the codebook) and PredictedLabel.</summary>
        public static GenerativeEstimator VectorQuantizedAnomalyScore(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, VectorQuantizedOptions options) =>
            new(catalog, GenerativeOutput.AnomalyScore, outputColumnName, inputColumnName, options);

        /// <summary>VectorQuantizedAnomalyScore with the common settings (latent size, contamination, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VectorQuantizedAnomalyScore(this TransformsCatalog catalog, string outputColumnName = Defaults.ScoreColumnName, string inputColumnName = Defaults.FeatureColumnName, int? latentSize = null, double contamination = Defaults.Contamination, int? epochs = null, int? seed = null) =>
            catalog.VectorQuantizedAnomalyScore(outputColumnName, inputColumnName, new VectorQuantizedOptions { LatentSize = latentSize, Contamination = contamination, Epochs = epochs, Seed = seed });

        /// <summary>A generated row per row of the data, decided by its Single <paramref name="seedColumnName"/>, from the empirical code prior.</summary>
        public static GenerativeEstimator VectorQuantizedSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName, string featureColumnName, VectorQuantizedOptions options) =>
            new(catalog, GenerativeOutput.Sample, outputColumnName, featureColumnName, options, seedColumnName);

        /// <summary>VectorQuantizedSample with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VectorQuantizedSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName, string featureColumnName = Defaults.FeatureColumnName, int? latentSize = null, int? epochs = null, int? seed = null) =>
            catalog.VectorQuantizedSample(outputColumnName, seedColumnName, featureColumnName, new VectorQuantizedOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });
    }
}

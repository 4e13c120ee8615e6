using Generative.ML;
using Generative.ML.Estimators;

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
            new(GenerativeOutput.Encode, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>VectorQuantizedEncode with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VectorQuantizedEncode(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, int? latentSize = null, int? epochs = null, int seed = 0) =>
            catalog.VectorQuantizedEncode(outputColumnName, inputColumnName, new VectorQuantizedOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>decode(quantise(encode(x))) for each row.</summary>
        public static GenerativeEstimator VectorQuantizedReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName, VectorQuantizedOptions options) =>
            new(GenerativeOutput.Reconstruct, outputColumnName, inputColumnName ?? outputColumnName, options);

        /// <summary>VectorQuantizedReconstruct with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VectorQuantizedReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, int? latentSize = null, int? epochs = null, int seed = 0) =>
            catalog.VectorQuantizedReconstruct(outputColumnName, inputColumnName, new VectorQuantizedOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });

        /// <summary>Score (the reconstruction error through the codebook) and PredictedLabel.</summary>
        public static GenerativeEstimator VectorQuantizedAnomalyScore(this TransformsCatalog catalog, string featureColumnName, VectorQuantizedOptions options) =>
            new(GenerativeOutput.AnomalyScore, "Score", featureColumnName, options);

        /// <summary>VectorQuantizedAnomalyScore with the common settings (latent size, contamination, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VectorQuantizedAnomalyScore(this TransformsCatalog catalog, string featureColumnName = "Features", int? latentSize = null, double contamination = 0.05, int? epochs = null, int seed = 0) =>
            catalog.VectorQuantizedAnomalyScore(featureColumnName, new VectorQuantizedOptions { LatentSize = latentSize, Contamination = contamination, Epochs = epochs, Seed = seed });

        /// <summary>A generated row per row of the data, decided by its Single <paramref name="seedColumnName"/>, from the empirical code prior.</summary>
        public static GenerativeEstimator VectorQuantizedSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName, string featureColumnName, VectorQuantizedOptions options) =>
            new(GenerativeOutput.Sample, outputColumnName, featureColumnName, options, seedColumnName);

        /// <summary>VectorQuantizedSample with the common settings (latent size, epochs, seed); the rest at their defaults.</summary>
        public static GenerativeEstimator VectorQuantizedSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName, string featureColumnName = "Features", int? latentSize = null, int? epochs = null, int seed = 0) =>
            catalog.VectorQuantizedSample(outputColumnName, seedColumnName, featureColumnName, new VectorQuantizedOptions { LatentSize = latentSize, Epochs = epochs, Seed = seed });
    }
}

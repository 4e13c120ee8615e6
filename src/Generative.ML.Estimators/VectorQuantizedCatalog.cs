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
        public static GenerativeEstimator VectorQuantizedEncode(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
                                                                VectorQuantizedOptions? options = null) =>
            new(GenerativeOutput.Encode, outputColumnName, inputColumnName ?? outputColumnName, options ?? new VectorQuantizedOptions());

        /// <summary>decode(quantise(encode(x))) for each row.</summary>
        public static GenerativeEstimator VectorQuantizedReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
                                                                     VectorQuantizedOptions? options = null) =>
            new(GenerativeOutput.Reconstruct, outputColumnName, inputColumnName ?? outputColumnName, options ?? new VectorQuantizedOptions());

        /// <summary>Score (the reconstruction error through the codebook) and PredictedLabel.</summary>
        public static GenerativeEstimator VectorQuantizedAnomalyScore(this TransformsCatalog catalog, string featureColumnName = "Features",
                                                                      VectorQuantizedOptions? options = null) =>
            new(GenerativeOutput.AnomalyScore, "Score", featureColumnName, options ?? new VectorQuantizedOptions());

        /// <summary>A generated row per row of the data, decided by its Single <paramref name="seedColumnName"/>, from the empirical code prior.</summary>
        public static GenerativeEstimator VectorQuantizedSample(this TransformsCatalog catalog, string outputColumnName, string seedColumnName,
                                                                string featureColumnName = "Features", VectorQuantizedOptions? options = null) =>
            new(GenerativeOutput.Sample, outputColumnName, featureColumnName, options ?? new VectorQuantizedOptions(), seedColumnName);
    }
}

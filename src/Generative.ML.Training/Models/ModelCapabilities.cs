using System;

namespace Generative.ML.Training.Models
{
    /// <summary>What a model can do. Code downstream (the exporter, the estimators) asks a model for these instead of testing its type.</summary>
    [Flags]
    internal enum ModelCapabilities
    {
        /// <summary>Nothing.</summary>
        None = 0,
        /// <summary>Gives a deterministic code (or the posterior mean) for a row: <see cref="EncodingModel.Encode"/>.</summary>
        Encode = 1,
        /// <summary>Gives decode(encode(x)): <see cref="EncodingModel.Reconstruct"/>.</summary>
        Reconstruct = 2,
        /// <summary>Gives an anomaly score per row (its scorer graph).</summary>
        Score = 4,
        /// <summary>Generates new rows from noise (its sampler graph is meaningful).</summary>
        Sample = 8,
        /// <summary>Takes a condition vector beside each row.</summary>
        Condition = 16,
    }
}

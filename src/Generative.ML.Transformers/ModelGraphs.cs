using System;
using Generative.ML.Graphs;

namespace Generative.ML.Transformers
{
    /// <summary>
    /// One trained model's ONNX graphs with the names ML.NET binds them by: the encoder, decoder, scorer and sampler all
    /// read the input column by its own name; their other inputs and outputs carry the fixed internal names below,
    /// which the transforms copy to the user's column names and drop.
    /// </summary>
    public sealed class ModelGraphs
    {
        /// <param name="encoder">Null for models without an encoder (the GAN): they sample and score, and neither encode nor reconstruct.</param>
        /// <param name="codeIndicesSize">The encoder's code indices per row (VQ models: one per stage); 0 when it gives none.</param>
        public ModelGraphs(byte[]? encoder, byte[] decoder, byte[] scorer, string inputColumnName, int inputSize, int latentSize, float anomalyThreshold,
                           bool hasLogVariance, byte[]? sampler = null, string? conditionColumnName = null, int conditionSize = 0, int codeIndicesSize = 0)
        {
            if (codeIndicesSize < 0) throw new ArgumentOutOfRangeException(nameof(codeIndicesSize), codeIndicesSize, "The code indices' width cannot be negative.");
            CodeIndicesSize = codeIndicesSize;
            if ((conditionColumnName is null) != (conditionSize == 0))
                throw new ArgumentException("A condition column needs its size, and a size its column.", nameof(conditionColumnName));
            ConditionColumnName = conditionColumnName;
            ConditionSize = conditionSize;
            Sampler = sampler;
            Encoder = encoder;
            Decoder = decoder ?? throw new ArgumentNullException(nameof(decoder));
            Scorer = scorer ?? throw new ArgumentNullException(nameof(scorer));
            InputColumnName = inputColumnName;
            InputSize = inputSize;
            LatentSize = latentSize;
            AnomalyThreshold = anomalyThreshold;
            HasLogVariance = hasLogVariance;
        }

        /// <summary>input column -> Encoded (the code or the posterior mean) [and LogVariance for VAEs, CodeIndices for VQ models]; null for the GAN.</summary>
        public byte[]? Encoder { get; }

        /// <summary>The model has an encoder, so it encodes and reconstructs, and its scorer gives reconstructions and contributions.</summary>
        public bool HasEncoder => Encoder is not null;

        /// <summary>The encoder's code indices per row (one per quantiser stage); 0 for models without a codebook.</summary>
        public int CodeIndicesSize { get; }

        /// <summary>Throws the error a transform that needs the encoder gives for a model without one.</summary>
        internal void RequireEncoder(string what)
        {
            if (!HasEncoder)
                throw new InvalidOperationException($"This model (a GAN) has no encoder, so it cannot {what}: it samples, and scores rows by its discriminator.");
        }

        /// <summary>Encoded (a latent vector) -> Reconstructed (the mean of p(x | z)).</summary>
        public byte[] Decoder { get; }

        /// <summary>Noise (GraphContract.Pipeline.NoiseWidth standard normal draws)[, condition] -> Reconstructed.</summary>
        public byte[]? Sampler { get; }

        /// <summary>input column -> Reconstructed, score, label, Contributions, and the other per-row values.</summary>
        public byte[] Scorer { get; }

        /// <summary>The column the graphs read.</summary>
        public string InputColumnName { get; }

        /// <summary>The conditional VAE's condition column (read by every graph under its own name); null otherwise.</summary>
        public string? ConditionColumnName { get; }

        /// <summary>Condition values per row; 0 for unconditional models.</summary>
        public int ConditionSize { get; }
        /// <summary>Values per row.</summary>
        public int InputSize { get; }
        /// <summary>Size of the code or of z.</summary>
        public int LatentSize { get; }

        /// <summary>The training rows' contamination quantile of the score, stored in the scorer graph.</summary>
        public float AnomalyThreshold { get; }

        /// <summary>The encoder also gives the posterior log-variance (VAE family).</summary>
        public bool HasLogVariance { get; }
    }
}

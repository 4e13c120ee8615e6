using System;
using System.Collections.Generic;
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
        /// <param name="decoder">Null only for a model loaded from a saved pipeline that holds another graph.</param>
        /// <param name="scorer">Null only for a model loaded from a saved pipeline that holds another graph.</param>
        internal ModelGraphs(byte[]? encoder, byte[]? decoder, byte[]? scorer, string inputColumnName, int inputSize, int latentSize,
                           bool hasLogVariance, byte[]? sampler = null, string? conditionColumnName = null, int conditionSize = 0, int codeIndicesSize = 0,
                           bool? hasEncoder = null)
        {
            _hasEncoder = hasEncoder ?? encoder is not null;
            if (codeIndicesSize < 0) throw new ArgumentOutOfRangeException(nameof(codeIndicesSize), codeIndicesSize, "The code indices' width cannot be negative.");
            CodeIndicesSize = codeIndicesSize;
            if ((conditionColumnName is null) != (conditionSize == 0))
                throw new ArgumentException("A condition column needs its size, and a size its column.", nameof(conditionColumnName));
            ConditionColumnName = conditionColumnName;
            ConditionSize = conditionSize;
            Sampler = sampler;
            Encoder = encoder;
            Decoder = decoder;
            Scorer = scorer;
            if (encoder is null && decoder is null && scorer is null && sampler is null) throw new ArgumentException("A model needs at least one graph.");
            InputColumnName = inputColumnName;
            InputSize = inputSize;
            LatentSize = latentSize;
            HasLogVariance = hasLogVariance;
            var any = scorer ?? encoder ?? decoder ?? sampler!;
            _card = new(() => ModelCard.FromJson(GraphPatch.Metadata(any).GetValueOrDefault(GraphPatch.ModelCardKey)));
        }

        readonly Lazy<ModelCard?> _card;

        /// <summary>The model card the graphs carry; null for graphs exported without one.</summary>
        internal ModelCard? Card => _card.Value;

        /// <summary>
        /// The same graphs with <paramref name="card"/> in every graph's metadata and its threshold in the scorer: one
        /// rewrite of the exported graphs, not a second export.
        /// </summary>
        internal ModelGraphs WithCard(ModelCard card)
        {
            var entries = new Dictionary<string, string> { [GraphPatch.ModelCardKey] = card.ToJson() };
            byte[]? Patch(byte[]? graph, float? threshold = null) => graph is null ? null : GraphPatch.With(graph, entries, threshold);
            return new ModelGraphs(Patch(Encoder), Patch(Decoder), Patch(Scorer, card.AnomalyThreshold), InputColumnName, InputSize, LatentSize, HasLogVariance,
                                   Patch(Sampler), ConditionColumnName, ConditionSize, CodeIndicesSize, HasEncoder);
        }

        /// <summary>The graph a transform needs, or the error a model loaded without it gives.</summary>
        internal static byte[] Require(byte[]? graph, string what) =>
            graph ?? throw new InvalidOperationException($"This model was loaded from a saved pipeline that holds only another of its graphs, so it cannot {what}: " +
                                                         "use the fitted model, or save the transform that does this.");

        /// <summary>input column -> Encoded (the code or the posterior mean) [and LogVariance for VAEs, CodeIndices for VQ models]; null for the GAN.</summary>
        public byte[]? Encoder { get; }

        /// <summary>The model has an encoder, so it encodes and reconstructs, and its scorer gives reconstructions and contributions.</summary>
        public bool HasEncoder => _hasEncoder;

        readonly bool _hasEncoder;

        /// <summary>The encoder's code indices per row (one per quantiser stage); 0 for models without a codebook.</summary>
        public int CodeIndicesSize { get; }

        /// <summary>Throws the error a transform that needs the encoder gives for a model without one.</summary>
        internal void RequireEncoder(string what)
        {
            if (!HasEncoder)
                throw new InvalidOperationException($"This model (a GAN) has no encoder, so it cannot {what}: it samples, and scores rows by its discriminator.");
        }

        /// <summary>Encoded (a latent vector) -> Reconstructed (the mean of p(x | z)); null in a loaded model whose pipeline did not hold it.</summary>
        public byte[]? Decoder { get; }

        /// <summary>Noise (GraphContract.Pipeline.NoiseWidth standard normal draws)[, condition] -> Reconstructed.</summary>
        public byte[]? Sampler { get; }

        /// <summary>input column -> Reconstructed, score, label, Contributions, and the other per-row values; null in a loaded model whose pipeline did not hold it.</summary>
        public byte[]? Scorer { get; }

        /// <summary>The <see cref="Scorer"/> output that holds each row's anomaly score, for running the graph outside ML.NET.</summary>
        public const string ScoreOutputName = GraphContract.Pipeline.ScoreVector;

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

        /// <summary>The score above which a row is labelled an anomaly: the scorer graph's threshold (it is stored there, and only there).</summary>
        public float AnomalyThreshold => Scorer is not null ? GraphPatch.Threshold(Scorer) : Card?.AnomalyThreshold ?? float.PositiveInfinity;

        /// <summary>The encoder also gives the posterior log-variance (VAE family).</summary>
        public bool HasLogVariance { get; }
    }
}

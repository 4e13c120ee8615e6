using System;
using System.Collections.Generic;
using Generative.ML.Graphs;

namespace Generative.ML.Transformers
{
    /// <summary>
    /// One trained model's ONNX graphs with the names ML.NET binds them by: the encoder, decoder, scorer and sampler all
    /// read the input column by its own name; their other inputs and outputs carry fixed internal names, which the
    /// transforms copy to the user's column names and drop.
    /// </summary>
    public sealed class ModelGraphs
    {
        readonly ExportedModel _exported;
        readonly Lazy<ModelCard?> _card;
        readonly Lazy<float> _threshold;

        internal ModelGraphs(ExportedModel exported)
        {
            _exported = exported ?? throw new ArgumentNullException(nameof(exported));
            var any = exported.Scorer ?? exported.Encoder ?? exported.Decoder ?? exported.Sampler
                ?? throw new ArgumentException("A model needs at least one graph.", nameof(exported));
            if ((exported.ConditionColumnName is null) != (exported.ConditionSize == 0))
                throw new ArgumentException("A condition column needs its size, and a size its column.", nameof(exported));
            _card = new(() => ModelCard.FromJson(GraphPatch.Metadata(any).GetValueOrDefault(GraphPatch.ModelCardKey)));
            _threshold = new(() => exported.Scorer is { } scorer ? GraphPatch.Threshold(scorer) : Card?.AnomalyThreshold ?? float.PositiveInfinity);
        }

        /// <summary>input column -> Encoded (the code or the posterior mean) [and LogVariance for VAEs, CodeIndices for VQ models]; null for the GAN.</summary>
        public byte[]? Encoder => _exported.Encoder;

        /// <summary>The model has an encoder, so it encodes and reconstructs, and its scorer gives reconstructions and contributions.</summary>
        public bool HasEncoder => _exported.HasEncoder;

        /// <summary>The encoder's code indices per row (one per quantiser stage); 0 for models without a codebook.</summary>
        public int CodeIndicesSize => _exported.CodeIndicesSize;

        /// <summary>Encoded (a latent vector) -> Reconstructed (the mean of p(x | z)); null in a loaded model whose pipeline did not hold it.</summary>
        public byte[]? Decoder => _exported.Decoder;

        /// <summary>Noise (standard normal draws)[, condition] -> Reconstructed; null for models that do not sample.</summary>
        public byte[]? Sampler => _exported.Sampler;

        /// <summary>input column -> Reconstructed, score, label, Contributions, and the other per-row values; null in a loaded model whose pipeline did not hold it.</summary>
        public byte[]? Scorer => _exported.Scorer;

        /// <summary>The <see cref="Scorer"/> output that holds each row's anomaly score, for running the graph outside ML.NET.</summary>
        public const string ScoreOutputName = GraphContract.Pipeline.ScoreVector;

        /// <summary>The column the graphs read.</summary>
        public string InputColumnName => _exported.InputColumnName;

        /// <summary>The conditional VAE's condition column (read by every graph under its own name); null otherwise.</summary>
        public string? ConditionColumnName => _exported.ConditionColumnName;

        /// <summary>Condition values per row; 0 for unconditional models.</summary>
        public int ConditionSize => _exported.ConditionSize;

        /// <summary>Values per row.</summary>
        public int InputSize => _exported.InputSize;

        /// <summary>Size of the code or of z.</summary>
        public int LatentSize => _exported.LatentSize;

        /// <summary>The score above which a row is labelled an anomaly: the scorer graph's threshold (it is stored there, and only there).</summary>
        public float AnomalyThreshold => _threshold.Value;

        /// <summary>The encoder also gives the posterior log-variance (VAE family).</summary>
        public bool HasLogVariance => _exported.HasLogVariance;

        /// <summary>The model card the graphs carry; null for graphs exported without one.</summary>
        internal ModelCard? Card => _card.Value;

        /// <summary>
        /// The same graphs with <paramref name="card"/> in every graph's metadata and its threshold in the scorer: one
        /// rewrite of the exported graphs, not a second export.
        /// </summary>
        internal ModelGraphs WithCard(ModelCard card)
        {
            // The threshold first (it is part of the scorer's graph), then the hashes of the graphs as they will be saved
            // into the card: writing the card changes only the metadata, which the hashes leave out.
            var noEntries = new Dictionary<string, string>();
            var scorer = Scorer is null ? null : GraphPatch.With(Scorer, noEntries, card.AnomalyThreshold);
            var graphs = new[] { Encoder, Decoder, scorer, Sampler };
            var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var graph in graphs)
                if (graph is not null && OnnxBytes.GraphName(graph) is string name && GraphDigest.Of(graph) is string digest) digests[name] = digest;
            var entries = new Dictionary<string, string> { [GraphPatch.ModelCardKey] = card.ToJson(digests) };
            byte[]? Patch(byte[]? graph)
            {
                if (graph is null) return null;
                var patched = GraphPatch.With(graph, entries);
                if (OnnxBytes.GraphName(patched) is string name && GraphDigest.Of(patched) != digests[name])
                    throw new InvalidOperationException($"Writing the model card changed the {name} graph itself: its hash would not match.");
                return patched;
            }
            return new ModelGraphs(_exported with { Encoder = Patch(Encoder), Decoder = Patch(Decoder), Scorer = Patch(scorer), Sampler = Patch(Sampler) });
        }

        /// <summary>Throws the error a transform that needs the encoder gives for a model without one.</summary>
        internal void RequireEncoder(string what)
        {
            if (!HasEncoder)
                throw new InvalidOperationException($"This model (a GAN) has no encoder, so it cannot {what}: it samples, and scores rows by its discriminator.");
        }

        /// <summary>The graph a transform needs, or the error a model loaded without it gives.</summary>
        internal static byte[] Require(byte[]? graph, string what) =>
            graph ?? throw new InvalidOperationException($"This model was loaded from a saved pipeline that holds only another of its graphs, so it cannot {what}: " +
                                                         "use the fitted model, or save the transform that does this.");
    }
}

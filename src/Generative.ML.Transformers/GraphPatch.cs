using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Generative.ML.Transformers
{
    /// <summary>
    /// Rewrites what a trained model's graphs carry besides their weights: the scorer's threshold (an initializer, so that
    /// <c>label = score &gt; threshold</c> is part of the graph ML.NET saves) and the metadata entries (the model card).
    /// Everything else in the graph is kept as it was, so the same inputs give the same bytes.
    /// </summary>
    internal static class GraphPatch
    {
        /// <summary>The scorer's threshold initializer, as the exporter names it.</summary>
        public const string ThresholdInitializer = "anomaly_threshold";

        /// <summary>The metadata key of the model card (JSON).</summary>
        public const string ModelCardKey = "model_card";

        /// <summary>The graph's metadata entries.</summary>
        public static IReadOnlyDictionary<string, string> Metadata(byte[] graph)
        {
            var model = Parse(graph);
            var entries = new Dictionary<string, string>();
            foreach (var entry in model.MetadataProps) entries[entry.Key] = entry.Value;
            return entries;
        }

        /// <summary>
        /// The graph with <paramref name="entries"/> set in its metadata (replacing entries of the same key, in place) and,
        /// where <paramref name="threshold"/> is given, its threshold initializer set to it.
        /// </summary>
        public static byte[] With(byte[] graph, IReadOnlyDictionary<string, string> entries, float? threshold = null)
        {
            var model = Parse(graph);
            foreach (var (key, value) in entries) {
                var existing = model.MetadataProps.FirstOrDefault(p => p.Key == key);
                if (existing is null) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
                else existing.Value = value;
            }
            if (threshold is float t) {
                var initializer = model.Graph?.Initializer.FirstOrDefault(i => i.Name == ThresholdInitializer)
                    ?? throw new InvalidDataException($"The {model.Graph?.Name ?? "unnamed"} graph has no '{ThresholdInitializer}': only a scorer graph has a threshold.");
                initializer.FloatData.Clear();
                initializer.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(new[] { t }.AsSpan()));
            }
            return model.ToByteArray();
        }

        /// <summary>
        /// The first initializer whose values live outside the graph (ONNX external data: a file path that ONNX Runtime
        /// would open), or null. The library never writes one; a graph in a model file that has one is refused.
        /// </summary>
        public static string? ExternalData(byte[] graph)
        {
            var model = Parse(graph);
            var initializers = (model.Graph?.Initializer ?? Enumerable.Empty<TensorProto>())
                .Concat(model.Graph?.SparseInitializer.SelectMany(s => new[] { s.Values, s.Indices }).Where(t => t is not null) ?? Enumerable.Empty<TensorProto>());
            return initializers.FirstOrDefault(t => t.DataLocation == TensorProto.Types.DataLocation.External || t.ExternalData.Count > 0)?.Name;
        }

        /// <summary>The threshold the scorer graph compares scores with.</summary>
        public static float Threshold(byte[] scorer)
        {
            var initializer = Parse(scorer).Graph?.Initializer.FirstOrDefault(i => i.Name == ThresholdInitializer)
                ?? throw new InvalidDataException($"The graph has no '{ThresholdInitializer}': only a scorer graph has a threshold.");
            if (initializer.FloatData.Count == 1) return initializer.FloatData[0];
            if (initializer.RawData.Length == sizeof(float)) return MemoryMarshal.Read<float>(initializer.RawData.Span);
            throw new InvalidDataException($"The '{ThresholdInitializer}' initializer is not one float.");
        }

        static ModelProto Parse(byte[] graph)
        {
            if (graph is null) throw new ArgumentNullException(nameof(graph));
            try {
                return ModelProto.Parser.ParseFrom(graph);
            } catch (InvalidProtocolBufferException e) {
                throw new InvalidDataException("The bytes are not an ONNX model: " + e.Message, e);
            }
        }
    }
}

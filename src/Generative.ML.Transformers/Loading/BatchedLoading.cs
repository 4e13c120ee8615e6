using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Generative.ML.Graphs;
using Generative.ML.Transformers;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Transforms.Onnx;

namespace Microsoft.ML
{
    /// <summary>
    /// Loading a saved model so that its Generative.ML transforms score in blocks again. <c>mlContext.Model.Load</c>
    /// gives ML.NET's chain, which runs ONNX Runtime once per row; a fitted model in memory runs it once per block of rows.
    /// </summary>
    public static class BatchedLoading
    {
        /// <summary>
        /// Loads a model saved with <c>mlContext.Model.Save</c>, as <c>Load</c> does, and gives every Generative.ML
        /// encode, reconstruct and anomaly-score transform in it back as a <see cref="GenerativeTransformer"/>: block-at-a-time
        /// scoring (the same values), its <see cref="GenerativeTransformer.ModelCard"/>, and a threshold that moves
        /// (<see cref="GenerativeTransformer.WithThreshold"/>). Everything else in the pipeline is as loaded. Dispose the
        /// result to release its ONNX Runtime sessions.
        /// <para>
        /// The file is checked before anything in it runs: each graph against the hash its model card holds
        /// (<see cref="ModelCard.GraphDigests"/>). A file that is not a model, is cut short, was changed since it was saved,
        /// or whose parts do not load gives a <see cref="Generative.ML.ModelFileException"/> naming the file and the part;
        /// a missing file, a <see cref="FileNotFoundException"/>.
        /// </para>
        /// </summary>
        public static ITransformer LoadBatched(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema) =>
            LoadBatched(catalog, filePath, out inputSchema, verify: true);

        /// <summary><see cref="LoadBatched(ModelOperationsCatalog, string, out DataViewSchema)"/>, with the hash check left out where <paramref name="verify"/> is false (the fuzz tests reach the loaders behind it so).</summary>
        internal static ITransformer LoadBatched(ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema, bool verify)
        {
            if (catalog is null) throw new ArgumentNullException(nameof(catalog));
            if (filePath is null) throw new ArgumentNullException(nameof(filePath));
            if (!File.Exists(filePath)) throw new FileNotFoundException($"{filePath}: no such model file.", filePath);
            ITransformer? loaded = null;
            try {
                // Every entry against the file's manifest, where it has one (gml writes it), before ML.NET reads its own entries.
                if (verify) ModelManifest.Verify(filePath);
                var graphs = Generative.ML.Transformers.SavedGraphs.ReadEntries(filePath);
                if (verify) Generative.ML.Transformers.SavedGraphs.Verify(filePath, graphs);
                loaded = catalog.Load(filePath, out inputSchema);
                // The pipeline takes the input it was saved with: parts that do not fit together are the file's fault, said now.
                _ = loaded.GetOutputSchema(inputSchema);
                return Rebatch(loaded, "TransformerChain", graphs);
            } catch (Exception e) when (IsDamage(e)) {
                (loaded as IDisposable)?.Dispose();
                throw e as Generative.ML.ModelFileException ?? new Generative.ML.ModelFileException(filePath, null, $"not a model this library can load ({Reason(e)})", e);
            }
        }

        /// <summary>What a damaged or foreign file makes ML.NET, the zip reader or ONNX Runtime throw (not what a missing file, a full disk or a cancellation throws).</summary>
        static bool IsDamage(Exception e) => e is not (FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or OutOfMemoryException or OperationCanceledException);

        /// <summary>The innermost message: ML.NET wraps what its components throw in TargetInvocationException.</summary>
        static string Reason(Exception e)
        {
            while (e is System.Reflection.TargetInvocationException { InnerException: { } inner }) e = inner;
            return e.Message.Split('\n')[0].TrimEnd('.');
        }

        /// <summary>The transform at <paramref name="path"/> in the zip, with the chains that came from Generative.ML rebuilt as fitted transforms.</summary>
        static ITransformer Rebatch(ITransformer transformer, string path, IReadOnlyDictionary<string, byte[]> graphs)
        {
            if (transformer is not TransformerChain<ITransformer> chain) return transformer;
            var parts = chain.ToArray();
            // A Generative.ML transform saves as a chain whose first part is the ONNX transform over one of its graphs.
            if (parts.Length > 0 && parts[0] is OnnxTransformer && graphs.TryGetValue($"{path}/Transform_000", out var graph) &&
                Generative.ML.Transformers.SavedGraphs.GraphName(graph) is GraphContract.EncoderGraph or GraphContract.ScorerGraph &&
                Rebuild(chain, graph) is { } rebuilt) {
                GenerativeTransformer.ReleaseSessions(chain);
                return rebuilt;
            }
            var inner = parts.Select((p, i) => Rebatch(p, $"{path}/Transform_{i:000}", graphs)).ToArray();
            return inner.SequenceEqual(parts) ? chain : new TransformerChain<ITransformer>(inner);
        }

        /// <summary>
        /// The fitted transform a loaded chain was saved from, over its one graph: the scorer's score, label and
        /// contributions, or its reconstruction; the encoder's code, then its log-variance or code indices. The column
        /// names are read from the chain's output. Null where the chain is not one of these shapes: it then stays as loaded.
        /// </summary>
        static GenerativeTransformer? Rebuild(TransformerChain<ITransformer> chain, byte[] graph)
        {
            using var session = new InferenceSession(graph);
            var name = session.ModelMetadata.GraphName;
            var metadata = session.ModelMetadata.CustomMetadataMap;
            int Width(NodeMetadata m) => m.Dimensions.Length == 2 ? m.Dimensions[1] : -1;
            var inputs = session.InputNames;
            if (inputs.Count is < 1 or > 2 || Width(session.InputMetadata[inputs[0]]) <= 0) return null;
            var input = inputs[0];
            var inputSize = Width(session.InputMetadata[input]);
            var condition = inputs.Count == 2 ? inputs[1] : null;
            var conditionSize = condition is null ? 0 : Width(session.InputMetadata[condition]);
            var outputs = session.OutputMetadata;
            var latentSize = metadata.TryGetValue("latent_size", out var latent) && int.TryParse(latent, out var l) ? l : 0;
            var encoderOutputs = new Dictionary<string, long>();
            if (outputs.ContainsKey(GraphContract.Pipeline.LogVariance)) encoderOutputs[GraphContract.LogVariance] = latentSize;
            if (outputs.TryGetValue(GraphContract.Pipeline.CodeIndices, out var indices)) encoderOutputs[GraphContract.CodeIndices] = Width(indices);
            var graphs = new ModelGraphs(new ExportedModel {
                Encoder = name == GraphContract.EncoderGraph ? graph : null, Scorer = name == GraphContract.ScorerGraph ? graph : null,
                InputColumnName = input, InputSize = inputSize, LatentSize = latentSize, ConditionColumnName = condition, ConditionSize = conditionSize,
                EncoderOutputs = encoderOutputs, Metadata = metadata,
                // A scorer gives contributions and reconstructions only where the model has an encoder (not the GAN's).
                HasEncoder = name == GraphContract.EncoderGraph || outputs.ContainsKey(GraphContract.Pipeline.Contributions),
            });

            var builder = new DataViewSchema.Builder();
            builder.AddColumn(input, new VectorDataViewType(NumberDataViewType.Single, inputSize));
            if (condition is not null) builder.AddColumn(condition, new VectorDataViewType(NumberDataViewType.Single, conditionSize));
            var schema = builder.ToSchema();
            DataViewSchema.Column[] added;
            try {
                added = chain.GetOutputSchema(schema).Skip(schema.Count).ToArray();
            } catch (ArgumentOutOfRangeException) {
                return null;
            }
            if (name == GraphContract.ScorerGraph && added.Length is 2 or 3 && added[0].Type == NumberDataViewType.Single &&
                added[1].Type == BooleanDataViewType.Instance)
                return GenerativeTransformer.ForAnomalyScore(graphs, added.Length == 3 ? added[2].Name : null, scoring: null, added[0].Name, added[1].Name);
            if (name == GraphContract.ScorerGraph && added.Length == 1)
                return GenerativeTransformer.ForReconstruct(graphs, added[0].Name);
            if (name == GraphContract.EncoderGraph && added.Length is >= 1 and <= 2) {
                string? extra = added.Length == 2 ? added[1].Name : null;
                return graphs.HasLogVariance
                    ? GenerativeTransformer.ForEncode(graphs, added[0].Name, logVarianceColumnName: extra)
                    : GenerativeTransformer.ForEncode(graphs, added[0].Name, codeIndicesColumnName: extra);
            }
            return null;
        }
    }
}

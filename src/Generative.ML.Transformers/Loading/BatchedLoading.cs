using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Generative.ML.Graphs;
using Generative.ML.Transformers.Batching;
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
        /// encode, reconstruct and anomaly-score transform in it back its block-at-a-time scoring (the same values).
        /// Everything else in the pipeline is as loaded. Dispose the result to release its ONNX Runtime sessions.
        /// </summary>
        public static ITransformer LoadBatched(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema)
        {
            if (catalog is null) throw new ArgumentNullException(nameof(catalog));
            var loaded = catalog.Load(filePath, out inputSchema);
            var graphs = Generative.ML.Transformers.SavedGraphs.ReadEntries(filePath);
            return Rebatch(loaded, "TransformerChain", graphs);
        }

        /// <summary>The transform at <paramref name="path"/> in the zip, with the chains that came from Generative.ML batched.</summary>
        static ITransformer Rebatch(ITransformer transformer, string path, IReadOnlyDictionary<string, byte[]> graphs)
        {
            if (transformer is not TransformerChain<ITransformer> chain) return transformer;
            var parts = chain.ToArray();
            // A Generative.ML transform saves as a chain whose first part is the ONNX transform over one of its graphs.
            if (parts.Length > 0 && parts[0] is OnnxTransformer && graphs.TryGetValue($"{path}/Transform_000", out var graph) &&
                Generative.ML.Transformers.SavedGraphs.GraphName(graph) is GraphContract.EncoderGraph or GraphContract.ScorerGraph)
                return new BatchedChain(chain, graph);
            var rebuilt = parts.Select((p, i) => Rebatch(p, $"{path}/Transform_{i:000}", graphs)).ToArray();
            return rebuilt.SequenceEqual(parts) ? chain : new TransformerChain<ITransformer>(rebuilt);
        }

        /// <summary>A loaded Generative.ML chain that computes its new columns a block of rows at a time, and saves as the chain.</summary>
        sealed class BatchedChain(TransformerChain<ITransformer> chain, byte[] graph) : ITransformer, ICanSaveModel, IDisposable
        {
            readonly object _gate = new();
            GraphRunner? _runner;
            bool _unbatchable;

            public bool IsRowToRowMapper => ((ITransformer)chain).IsRowToRowMapper;
            public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => chain.GetOutputSchema(inputSchema);
            public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => ((ITransformer)chain).GetRowToRowMapper(inputSchema);
            void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)chain).Save(ctx);

            public IDataView Transform(IDataView input)
            {
                var chained = chain.Transform(input);
                var runner = Runner(input.Schema, chained.Schema);
                return runner is null ? chained : (IDataView?)BatchedView.TryCreate(input, chained.Schema, runner) ?? chained;
            }

            /// <summary>
            /// The graph outputs behind the chain's new columns, read from the graph and the columns' types: the scorer's
            /// score, label and contributions, or its reconstruction; the encoder's code, then its log-variance or code
            /// indices (a graph has one or the other). Null where the shape is not one of these, or the graph takes a
            /// condition: the chain then runs as loaded.
            /// </summary>
            GraphRunner? Runner(DataViewSchema input, DataViewSchema output)
            {
                lock (_gate) {
                    if (_runner is not null || _unbatchable) return _runner;
                    var added = output.Skip(input.Count).ToArray();
                    using (var session = new InferenceSession(graph)) {
                        var graphName = session.ModelMetadata.GraphName;
                        var outputs = session.OutputNames.ToHashSet();
                        var columns = new List<OutputColumn>();
                        int Width(DataViewSchema.Column c) => c.Type is VectorDataViewType v ? v.Size : 1;
                        if (session.InputNames.Count == 1 && input.GetColumnOrNull(session.InputNames[0]) is { Type: VectorDataViewType { Size: > 0 } x }) {
                            if (graphName == GraphContract.ScorerGraph && added.Length >= 2 && added[0].Type == NumberDataViewType.Single &&
                                added[1].Type == BooleanDataViewType.Instance) {
                                columns.Add(new(added[0].Name, GraphContract.Pipeline.ScoreVector, 1, true, false));
                                columns.Add(new(added[1].Name, GraphContract.Pipeline.LabelVector, 1, true, true));
                                if (added.Length == 3) columns.Add(new(added[2].Name, GraphContract.Pipeline.Contributions, Width(added[2]), false, false));
                            } else if (graphName == GraphContract.ScorerGraph && added.Length == 1) {
                                columns.Add(new(added[0].Name, GraphContract.Pipeline.Reconstructed, Width(added[0]), false, false));
                            } else if (graphName == GraphContract.EncoderGraph && added.Length is >= 1 and <= 3) {
                                columns.Add(new(added[0].Name, GraphContract.Pipeline.Encoded, Width(added[0]), false, false));
                                var extra = new[] { GraphContract.Pipeline.LogVariance, GraphContract.Pipeline.CodeIndices }.Where(outputs.Contains).ToArray();
                                for (var i = 1; i < added.Length && i - 1 < extra.Length; i++) columns.Add(new(added[i].Name, extra[i - 1], Width(added[i]), false, false));
                            }
                            if (columns.Count == added.Length && columns.All(c => outputs.Contains(c.GraphOutput)))
                                _runner = new GraphRunner(graph, session.InputNames[0], x.Size, columns, scoring: null);
                        }
                    }
                    _unbatchable = _runner is null;
                    return _runner;
                }
            }

            /// <summary>Releases the batched runner's session and those of the loaded chain's ONNX transforms.</summary>
            public void Dispose()
            {
                _runner?.Dispose();
                Generative.ML.Transformers.GenerativeTransformer.ReleaseSessions(chain);
            }
        }
    }
}

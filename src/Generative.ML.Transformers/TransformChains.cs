using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Generative.ML.Graphs;
using Generative.ML.Transformers.Glue;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Transformers
{
    /// <summary>The plain ML.NET chains each transform is made of, fitted to a schema only (they hold no data).</summary>
    internal static class TransformChains
    {
        public static ITransformer Encode(ModelGraphs graphs, string outputColumnName, string? logVarianceColumnName, ScoringOptions? scoring,
                                          string? codeIndicesColumnName = null)
        {
            graphs.RequireEncoder("encode");
            var ml = new MLContext();
            var copies = new List<InputOutputColumnPair> { new(outputColumnName, GraphContract.Pipeline.Encoded) };
            if (logVarianceColumnName is not null) copies.Add(new(logVarianceColumnName, GraphContract.Pipeline.LogVariance));
            if (codeIndicesColumnName is not null) copies.Add(new(codeIndicesColumnName, GraphContract.Pipeline.CodeIndices));
            var outputs = copies.Select(c => c.InputColumnName).ToArray();
            return Chain(ml, Input(graphs, graphs.InputColumnName, graphs.InputSize), graphs, graphs.Encoder!, graphs.InputColumnName, outputs, copies.ToArray(), scoring);
        }

        public static ITransformer Reconstruct(ModelGraphs graphs, string outputColumnName, ScoringOptions? scoring)
        {
            graphs.RequireEncoder("reconstruct");
            return Chain(new MLContext(), Input(graphs, graphs.InputColumnName, graphs.InputSize), graphs, ModelGraphs.Require(graphs.Scorer, "reconstruct"), graphs.InputColumnName, new[] { GraphContract.Pipeline.Reconstructed },
                  new[] { new InputOutputColumnPair(outputColumnName, GraphContract.Pipeline.Reconstructed) }, scoring);
        }

        /// <summary>Score and PredictedLabel (scalars, through the contract-named glue), and optionally the per-feature contributions.</summary>
        public static ITransformer AnomalyScore(ModelGraphs graphs, string? contributionsColumnName, ScoringOptions? scoring, string scoreColumnName,
                                                string labelColumnName)
        {
            if (contributionsColumnName is not null) graphs.RequireEncoder("give per-feature contributions");
            var ml = new MLContext();
            var input = Input(graphs, graphs.InputColumnName, graphs.InputSize);
            var outputs = contributionsColumnName is null
                ? new[] { GraphContract.Pipeline.ScoreAndLabel }
                : new[] { GraphContract.Pipeline.ScoreAndLabel, GraphContract.Pipeline.Contributions };
            var onnx = Onnx(ml, input, graphs, ModelGraphs.Require(graphs.Scorer, "score"), graphs.InputColumnName, outputs, scoring);
            var view = onnx.Transform(input);
            var glue = ml.Transforms.CustomMapping(new ScoreGlueFactory().GetMapping(), ScoreGlueFactory.Contract).Fit(view);
            view = glue.Transform(view);
            // The user's names, in the order LoadBatched recognises: score, label, contributions.
            var pairs = new List<InputOutputColumnPair> { new(scoreColumnName, AnomalyColumns.ScoreName), new(labelColumnName, AnomalyColumns.LabelName) };
            if (contributionsColumnName is not null) pairs.Add(new(contributionsColumnName, GraphContract.Pipeline.Contributions));
            var chain = new TransformerChain<ITransformer>(onnx, glue);
            foreach (var pair in pairs) {
                var copy = ml.Transforms.CopyColumns(pair.OutputColumnName, pair.InputColumnName).Fit(view);
                view = copy.Transform(view);
                chain = chain.Append<ITransformer>(copy);
            }
            return chain.Append<ITransformer>(ml.Transforms.DropColumns([.. outputs, AnomalyColumns.ScoreName, AnomalyColumns.LabelName]).Fit(view));
        }

        /// <summary>The decoder over a latent column: generated rows for given latent vectors.</summary>
        public static ITransformer Decode(ModelGraphs graphs, string outputColumnName, string latentColumnName, ScoringOptions? scoring)
        {
            var ml = new MLContext();
            var input = Input(graphs, latentColumnName, graphs.LatentSize);
            var copyIn = ml.Transforms.CopyColumns(GraphContract.Pipeline.Encoded, latentColumnName).Fit(input);
            var rest = Chain(ml, copyIn.Transform(input), graphs, ModelGraphs.Require(graphs.Decoder, "decode"), GraphContract.Pipeline.Encoded, new[] { GraphContract.Pipeline.Reconstructed },
                             new[] { new InputOutputColumnPair(outputColumnName, GraphContract.Pipeline.Reconstructed) }, scoring, GraphContract.Pipeline.Encoded);
            return new TransformerChain<ITransformer>(copyIn, rest);
        }

        /// <summary>A generated row per input row, decided by the row's integer seed: seed (as Int64) -> noise (glue) -> sampler graph.</summary>
        public static ITransformer Sample(ModelGraphs graphs, string outputColumnName, string seedColumnName, ScoringOptions? scoring, DataViewType seedType)
        {
            if (graphs.Sampler is null) throw new InvalidOperationException("This model has no sampler graph (conditional models sample given a condition).");
            var ml = new MLContext();
            IDataView view = Input(graphs, seedColumnName, 0, seedType);
            var copy = ml.Transforms.Conversion.ConvertType(GraphContract.Pipeline.Seed, seedColumnName, DataKind.Int64).Fit(view);
            view = copy.Transform(view);
            var noise = ml.Transforms.CustomMapping(new NoiseGlueFactory().GetMapping(), NoiseGlueFactory.Contract).Fit(view);
            view = noise.Transform(view);
            var rest = Chain(ml, view, graphs, graphs.Sampler, GraphContract.Pipeline.Noise, new[] { GraphContract.Pipeline.Reconstructed },
                             new[] { new InputOutputColumnPair(outputColumnName, GraphContract.Pipeline.Reconstructed) }, scoring, GraphContract.Pipeline.Seed, GraphContract.Pipeline.Noise);
            return new TransformerChain<ITransformer>(copy, noise, rest);
        }

        /// <summary>
        /// An empty view of the columns a transform reads: a Single vector of <paramref name="width"/> (a Single scalar for
        /// width 0), and the condition column for conditional models.
        /// </summary>
        static IDataView Input(ModelGraphs graphs, string column, int width, DataViewType? scalarType = null)
        {
            var builder = new DataViewSchema.Builder();
            builder.AddColumn(column, width == 0 ? scalarType ?? NumberDataViewType.Single : new VectorDataViewType(NumberDataViewType.Single, width));
            if (graphs.ConditionColumnName is string condition)
                builder.AddColumn(condition, new VectorDataViewType(NumberDataViewType.Single, graphs.ConditionSize));
            return new EmptyDataView(builder.ToSchema());
        }

        /// <summary>The ONNX transform, its outputs copied to the user's names, the internal columns dropped.</summary>
        static ITransformer Chain(MLContext ml, IDataView input, ModelGraphs graphs, byte[] graph, string graphInput, string[] outputs,
                                  InputOutputColumnPair[] copies, ScoringOptions? scoring, params string[] alsoDrop)
        {
            var onnx = Onnx(ml, input, graphs, graph, graphInput, outputs, scoring);
            var view = onnx.Transform(input);
            var chain = new TransformerChain<ITransformer>(onnx);
            foreach (var pair in copies) {
                var copy = ml.Transforms.CopyColumns(pair.OutputColumnName, pair.InputColumnName).Fit(view);
                view = copy.Transform(view);
                chain = chain.Append<ITransformer>(copy);
            }
            return chain.Append<ITransformer>(ml.Transforms.DropColumns([.. outputs, .. alsoDrop]).Fit(view));
        }

        static ITransformer Onnx(MLContext ml, IDataView input, ModelGraphs graphs, byte[] graph, string graphInput, string[] outputs, ScoringOptions? scoring)
        {
            using var stream = new MemoryStream(graph, writable: false);
            var gpu = OnnxBackend.GpuDeviceId(scoring);
            var inputs = graphs.ConditionColumnName is string condition ? new[] { graphInput, condition } : new[] { graphInput };
            return ml.Transforms.ApplyOnnxModel(outputs, inputs, stream, gpu, fallbackToCpu: scoring?.FallbackToCpu ?? false).Fit(input);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Training.Data;
using Generative.ML.Training.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// The empirical prior of a VQ model: each combination of codes (one per stage) its training rows took, with its
    /// share of them. Sampling draws a combination by its share and decodes its quantised vector. It can only give back
    /// combinations the training rows used, which is what a VQ model without a learned prior over codes can do honestly.
    /// </summary>
    internal sealed class CodePrior
    {
        CodePrior(int[][] combinations, float[] vectors, double[] shares, long codeSize)
        {
            Combinations = combinations;
            Vectors = vectors;
            Shares = shares;
            CodeSize = codeSize;
        }

        /// <summary>The code combinations, most frequent first; each holds one index per stage.</summary>
        public IReadOnlyList<int[]> Combinations { get; }

        /// <summary>Each combination's share of the training rows (sums to 1).</summary>
        public IReadOnlyList<double> Shares { get; }

        /// <summary>Each combination's quantised vector, row-major [combinations, CodeSize].</summary>
        public float[] Vectors { get; }

        /// <summary>Size of the codes the prior is over.</summary>
        public long CodeSize { get; }

        internal static CodePrior Fit(VectorQuantizedAutoencoder model, TrainingData data)
        {
            if (data.RowCount == 0) throw new InvalidTrainingDataException("The code prior needs at least one row.", nameof(data));
            var stages = (int)model.Stages;
            var d = (int)model.LatentSize;
            var codes = new int[data.RowCount * stages];
            var values = new float[data.RowCount * d];
            EvaluationPass.ForEachBlock(model, data, (start, x, _) => {
                var (quantized, indices) = model.Quantize(x);
                indices.to(ScalarType.Int32).data<int>().CopyTo(codes, start * stages);
                quantized.data<float>().CopyTo(values, start * d);
            });
            var counts = new Dictionary<string, (int count, int firstRow)>();
            for (var r = 0; r < data.RowCount; r++) {
                var key = string.Join(",", codes.AsSpan(r * stages, stages).ToArray());
                counts[key] = counts.TryGetValue(key, out var seen) ? (seen.count + 1, seen.firstRow) : (1, r);
            }
            // Most frequent first, ties by first appearance: the same order in every process.
            var ordered = counts.Values.OrderByDescending(v => v.count).ThenBy(v => v.firstRow).ToArray();
            var combinations = ordered.Select(v => codes.AsSpan(v.firstRow * stages, stages).ToArray()).ToArray();
            var vectors = ordered.SelectMany(v => values.AsSpan(v.firstRow * d, d).ToArray()).ToArray();
            var shares = ordered.Select(v => (double)v.count / data.RowCount).ToArray();
            return new CodePrior(combinations, vectors, shares, d);
        }

        /// <summary>
        /// The quantised vector of a combination drawn by the first noise value n ~ N(0, 1): u = Phi(n) is uniform, and
        /// the combination is the first whose cumulative share exceeds u. Ordinary operators only (Erf, Greater, Gather).
        /// </summary>
        internal string Emit(OnnxGraphBuilder g, string noise, string scope)
        {
            var count = Shares.Count;
            string index;
            if (count == 1) {
                var zero = g.Node("Mul", scope, GraphMath.Columns(g, noise, 0, 1, scope), g.Scalar($"{scope}/zero", 0f));
                index = g.Node("Squeeze", scope, g.Node("Cast", scope, new[] { zero }, OnnxGraphBuilder.Int("to", (int)global::Onnx.TensorProto.Types.DataType.Int64)),
                               g.Int64s($"{scope}/axis1", new[] { 1L }));
            } else {
                var cumulative = new float[count - 1];
                double sum = 0;
                for (var i = 0; i < count - 1; i++) cumulative[i] = (float)(sum += Shares[i]);
                index = GraphMath.CategoryFromNoise(g, noise, cumulative, scope);
            }
            return g.Node("Gather", scope, new[] { g.Weight($"{scope}/vectors", Vectors, new long[] { count, CodeSize }), index },
                          OnnxGraphBuilder.Int("axis", 0));
        }
    }
}

using System;
using System.Linq;
using Generative.ML.Graphs;
using Generative.ML.Training.Data;
using Generative.ML.Training.Onnx;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// A seeded sample of training points (codes or scaled rows) that the neighbour scores measure against: the sample,
    /// each training row's nearest reference distances with the row left out of its own neighbours, and the same
    /// distances for new rows, in torch and as ONNX nodes, by one formula.
    /// </summary>
    internal sealed class NeighbourReference
    {
        NeighbourReference(float[] points, int width)
        {
            Points = points;
            Width = width;
        }

        /// <summary>The reference points, row-major [Count, Width].</summary>
        public float[] Points { get; }

        public int Width { get; }

        public int Count => Points.Length / Width;

        /// <summary>
        /// At most <paramref name="max"/> of the <paramref name="n"/> points (a seeded partial Fisher-Yates shuffle, kept in
        /// row order: scoring a row costs one distance per reference point). <paramref name="slot"/>[i] is row i's place in
        /// the reference, or -1.
        /// </summary>
        public static NeighbourReference Sample(float[] points, int n, int width, int max, int seed, out int[] slot)
        {
            var order = Enumerable.Range(0, n).ToArray();
            var m = Math.Min(n, max);
            var random = new Random(seed);
            for (var i = 0; i < m; i++) {
                var j = i + random.Next(n - i);
                (order[i], order[j]) = (order[j], order[i]);
            }
            var chosen = order[..m];
            Array.Sort(chosen);
            var reference = new float[(long)m * width];
            slot = Enumerable.Repeat(-1, n).ToArray();
            for (var r = 0; r < m; r++) {
                Array.Copy(points, (long)chosen[r] * width, reference, (long)r * width, width);
                slot[chosen[r]] = r;
            }
            return new NeighbourReference(reference, width);
        }

        /// <summary>
        /// For each of the <paramref name="n"/> points, its <paramref name="k"/> nearest reference distances in ascending
        /// order, in float64, leaving a point out of its own neighbours when it is in the reference; <paramref name="visit"/>
        /// sees each block (first row, [rows, k]).
        /// </summary>
        public void ForEachLeaveOneOut(float[] points, int n, int[] slot, int k, Action<int, Tensor> visit)
        {
            using var _ = no_grad();
            using var reference = tensor(Points, Count, Width).to_type(ScalarType.Float64);
            const int block = 1024;
            for (var start = 0; start < n; start += block) {
                using var scope = NewDisposeScope();
                var rows = Math.Min(block, n - start);
                var x = tensor(points.AsSpan(start * Width, rows * Width).ToArray(), rows, Width).to_type(ScalarType.Float64);
                var d = PairwiseDistances(x, reference);
                for (var i = 0; i < rows; i++)
                    if (slot[start + i] >= 0) d[i, slot[start + i]].fill_(double.PositiveInfinity);
                visit(start, d.topk(k, dim: 1, largest: false).values);
            }
        }

        /// <summary>The <paramref name="k"/> nearest reference distances of each row of <paramref name="query"/> [N, Width], ascending, [N, k].</summary>
        public Tensor Nearest(Tensor query, int k)
        {
            using var scope = NewDisposeScope();
            using var reference = tensor(Points, Count, Width);
            var d = PairwiseDistances(query.to_type(ScalarType.Float32), reference);
            return d.topk(k, dim: 1, largest: false).values.MoveToOuterDisposeScope();
        }

        /// <summary>
        /// sqrt(max(|a|^2 + |b|^2 - 2 a.b, 0)), [N, M]: the formula the ONNX graph evaluates, so that both agree.
        /// </summary>
        public static Tensor PairwiseDistances(Tensor a, Tensor b)
        {
            using var scope = NewDisposeScope();
            var squared = a.square().sum(1L, keepdim: true) + b.square().sum(1L).unsqueeze(0) - 2 * a.matmul(b.t());
            return squared.clamp_min(0).sqrt().MoveToOuterDisposeScope();
        }

        /// <summary><see cref="Nearest"/> as ONNX nodes under <paramref name="scope"/>: [N, k], ascending.</summary>
        public string EmitNearest(OnnxGraphBuilder g, string scope, string query, int k)
        {
            var m = Count;
            var transposed = new float[(long)Width * m];
            var squaredNorms = new float[m];
            for (var r = 0; r < m; r++)
                for (var j = 0; j < Width; j++) {
                    var v = Points[(long)r * Width + j];
                    transposed[(long)j * m + r] = v;
                    squaredNorms[r] += v * v;
                }
            var cross = g.Node("MatMul", scope, query, g.Weight($"{scope}/reference_t", transposed, new long[] { Width, m }));
            var queryNorms = g.Node("ReduceSum", scope, new[] { g.Node("Mul", scope, query, query), g.Int64s($"{scope}/axes", new[] { 1L }) },
                                    OnnxGraphBuilder.Int("keepdims", 1));
            var squared = g.Node("Sub", scope, g.Node("Add", scope, queryNorms, g.Weight($"{scope}/reference_norms", squaredNorms, new long[] { 1, m })),
                                 g.Node("Mul", scope, cross, g.Scalar($"{scope}/two", 2f)));
            var distances = g.Node("Sqrt", scope, g.Node("Relu", scope, squared));
            return g.Nodes("TopK", scope, 2, new[] { distances, g.Int64s($"{scope}/k", new[] { (long)k }) },
                           OnnxGraphBuilder.Int("axis", 1), OnnxGraphBuilder.Int("largest", 0))[0];
        }

        /// <summary>ln(the <paramref name="k"/>-th of the <paramref name="nearest"/> distances [N, k'] + epsilon) as ONNX nodes, [N]: the neighbour scores' log distance.</summary>
        public static string EmitLogDistance(OnnxGraphBuilder g, string scope, string nearest, int k, string epsilon, string name) =>
            g.Node("Log", scope, g.Node("Add", scope, GraphMath.RowMean(g, g.Node("Gather", scope, new[] { nearest, g.Int64s($"{scope}/{name}", new[] { (long)k - 1 }) },
                                                                                 OnnxGraphBuilder.Int("axis", 1)), scope), epsilon));

        /// <summary>(v - Center) / Scale: a term on the training rows' scale.</summary>
        public static Tensor Standardized(Tensor v, ScoreNormalization n) => (v - n.Center) / n.Scale;

        /// <summary><see cref="Standardized"/> as ONNX nodes.</summary>
        public static string EmitStandardized(OnnxGraphBuilder g, string scope, string v, ScoreNormalization n, string name) =>
            g.Node("Div", scope, g.Node("Sub", scope, v, g.Scalar($"{scope}/{name}_center", n.Center)), g.Scalar($"{scope}/{name}_scale", n.Scale));

        /// <summary>The training rows' negative ELBO, in float64, in row order.</summary>
        public static double[] NegativeElbos(VariationalAutoencoder model, TrainingData data, Action<int, Tensor>? codes = null)
        {
            var elbo = new double[data.RowCount];
            EvaluationPass.ForEachBlock(model, data, (start, x, c) => {
                if (codes is not null) {
                    using var mu = model.Encode(x, c);
                    codes(start, mu);
                }
                using var score = model.NegativeElbo(x, c);
                var values = score.to_type(ScalarType.Float64).data<double>().ToArray();
                Array.Copy(values, 0, elbo, start, values.Length);
            });
            return elbo;
        }

        /// <summary>The robust scale every score normalization uses (<see cref="Quantiles.RobustScale"/>).</summary>
        public static ScoreNormalization Normalization(double[] values, string what)
        {
            if (values.Any(v => !double.IsFinite(v)))
                throw new InvalidTrainingDataException($"A training row's {what} is not finite: the model diverged.", "data");
            var (center, spread) = Quantiles.RobustScale(values.OrderBy(v => v).ToArray());
            return new ScoreNormalization((float)center, (float)spread);
        }

        /// <summary>The checks both neighbour scores make before any work.</summary>
        public static void CheckFit(VariationalAutoencoder model, TrainingData data, double contamination, int maxReference)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            if (data is null) throw new ArgumentNullException(nameof(data));
            if (!(contamination > 0 && contamination < 0.5))
                throw new ArgumentOutOfRangeException(nameof(contamination), contamination, "The contamination must be in (0, 0.5).");
            if (maxReference < 2) throw new ArgumentOutOfRangeException(nameof(maxReference), maxReference, "At least two reference points are needed.");
            if (data.RowCount < 2) throw new ArgumentException("A neighbour density needs at least two training rows.", nameof(data));
            model.CheckTrainingData(data);
        }
    }
}

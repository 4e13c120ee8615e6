using System;
using System.Linq;
using Generative.ML.Training.Data;
using Generative.ML.Training.Export;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// A k-nearest-neighbour density of the training rows' codes, beside the negative ELBO. A row's neighbour distance is
    /// the mean Euclidean distance from its code (the posterior mean) to the <see cref="K"/> nearest reference codes. A
    /// group of rows smaller than K, such as a tight cluster of anomalies that the model learned as one more mode, finds
    /// most of its K neighbours outside the group, far away, however well the model reconstructs it. K is the expected
    /// number of anomalies among the reference codes (the contamination share), so a mode counts as normal only when it
    /// holds more rows than the anomalies are expected to number. That needs the group's codes to lie apart from the
    /// others'; the quality benchmark found a VAE often encodes a tight cluster among the normal codes, where it looks
    /// dense instead (docs/anomaly-detection.md, round 3), so this is an option, not the default.
    /// The combined score puts both terms on the training rows' scale, (value - median) / IQR, and adds them.
    /// </summary>
    public sealed class LatentNeighbours
    {
        LatentNeighbours(float[] codes, int latentSize, int k, ScoreNormalization elbo, ScoreNormalization distance)
        {
            Codes = codes;
            LatentSize = latentSize;
            K = k;
            Elbo = elbo;
            Distance = distance;
        }

        /// <summary>The reference codes, row-major [Count, LatentSize].</summary>
        public float[] Codes { get; }

        /// <summary>The width of a code.</summary>
        public int LatentSize { get; }

        /// <summary>How many reference codes there are.</summary>
        public int Count => Codes.Length / LatentSize;

        /// <summary>How many nearest reference codes a row's distance averages.</summary>
        public int K { get; }

        /// <summary>The training rows' negative ELBO: its median and interquartile range.</summary>
        public ScoreNormalization Elbo { get; }

        /// <summary>The training rows' neighbour distance (each row left out of its own neighbours): median and IQR.</summary>
        public ScoreNormalization Distance { get; }

        /// <summary>The fewest neighbours a distance averages: fewer are too noisy a density.</summary>
        public const int MinimumK = 5;

        /// <summary>
        /// Encodes <paramref name="data"/>'s rows, keeps the codes of at most <paramref name="maxReference"/> of them
        /// (a seeded uniform sample: scoring a row costs one distance per reference code), and fits both terms' scales on
        /// every row. K = max(<see cref="MinimumK"/>, ceil(<paramref name="contamination"/> x the reference count)).
        /// </summary>
        public static LatentNeighbours Fit(VariationalAutoencoder model, TrainingData data, double contamination, int seed, int maxReference = 2048)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            if (data is null) throw new ArgumentNullException(nameof(data));
            if (!(contamination > 0 && contamination < 0.5))
                throw new ArgumentOutOfRangeException(nameof(contamination), contamination, "The contamination must be in (0, 0.5).");
            if (maxReference < 2) throw new ArgumentOutOfRangeException(nameof(maxReference), maxReference, "At least two reference codes are needed.");
            if (data.RowCount < 2) throw new ArgumentException("A neighbour density needs at least two training rows.", nameof(data));
            model.CheckTrainingData(data);
            var n = data.RowCount;
            var l = (int)model.LatentSize;
            var codes = new float[(long)n * l];
            var elbo = new double[n];
            EvaluationPass.ForEachBlock(model, data, (start, x, c) => {
                using var mu = model.Encode(x, c);
                using var score = model.NegativeElbo(x, c);
                mu.to_type(ScalarType.Float32).data<float>().CopyTo(codes.AsSpan(start * l));
                var values = score.to_type(ScalarType.Float64).data<double>().ToArray();
                Array.Copy(values, 0, elbo, start, values.Length);
            });

            // Which rows are reference codes: all of them, or a seeded sample (a partial Fisher-Yates shuffle), in row order.
            var order = Enumerable.Range(0, n).ToArray();
            var m = Math.Min(n, maxReference);
            var random = new Random(seed);
            for (var i = 0; i < m; i++) {
                var j = i + random.Next(n - i);
                (order[i], order[j]) = (order[j], order[i]);
            }
            var chosen = order[..m];
            Array.Sort(chosen);
            var reference = new float[(long)m * l];
            var slot = Enumerable.Repeat(-1, n).ToArray();
            for (var r = 0; r < m; r++) {
                Array.Copy(codes, (long)chosen[r] * l, reference, (long)r * l, l);
                slot[chosen[r]] = r;
            }
            var k = Math.Min(m - 1, Math.Max(MinimumK, (int)Math.Ceiling(contamination * m)));

            // Each training row's distance, leaving itself out when it is a reference code.
            var distance = new double[n];
            using (var _ = no_grad())
            using (var referenceCodes = tensor(reference, m, l).to_type(ScalarType.Float64)) {
                const int block = 1024;
                for (var start = 0; start < n; start += block) {
                    using var scope = NewDisposeScope();
                    var rows = Math.Min(block, n - start);
                    var x = tensor(codes.AsSpan(start * l, rows * l).ToArray(), rows, l).to_type(ScalarType.Float64);
                    var d = PairwiseDistances(x, referenceCodes);
                    for (var i = 0; i < rows; i++)
                        if (slot[start + i] >= 0) d[i, slot[start + i]].fill_(double.PositiveInfinity);
                    var nearest = d.topk(k, dim: 1, largest: false).values.mean(new long[] { 1 });
                    nearest.data<double>().ToArray().CopyTo(distance, start);
                }
            }
            return new LatentNeighbours(reference, l, k, Normalization(elbo), Normalization(distance));
        }

        /// <summary>The mean distance of each code of <paramref name="codes"/> [N, LatentSize] to its K nearest reference codes.</summary>
        public Tensor Distances(Tensor codes)
        {
            using var scope = NewDisposeScope();
            using var reference = tensor(Codes, Count, LatentSize);
            var d = PairwiseDistances(codes.to_type(ScalarType.Float32), reference);
            return d.topk(K, dim: 1, largest: false).values.mean(new long[] { 1 }).MoveToOuterDisposeScope();
        }

        /// <summary>The combined score of rows with these negative ELBOs and neighbour distances.</summary>
        public Tensor Score(Tensor negativeElbo, Tensor distance)
        {
            using var scope = NewDisposeScope();
            var e = (negativeElbo - Elbo.Center) / Elbo.Scale;
            var d = (distance - Distance.Center) / Distance.Scale;
            return (e + d).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// sqrt(max(|a|^2 + |b|^2 - 2 a.b, 0)), [N, M]: the formula the ONNX graph evaluates, so that both agree.
        /// </summary>
        internal static Tensor PairwiseDistances(Tensor a, Tensor b)
        {
            using var scope = NewDisposeScope();
            var squared = a.square().sum(1L, keepdim: true) + b.square().sum(1L).unsqueeze(0) - 2 * a.matmul(b.t());
            return squared.clamp_min(0).sqrt().MoveToOuterDisposeScope();
        }

        /// <summary>Median and interquartile range; a spread of 0 (all values tied) becomes 1, so nothing divides by 0.</summary>
        static ScoreNormalization Normalization(double[] values)
        {
            if (values.Any(v => !double.IsFinite(v)))
                throw new InvalidTrainingDataException("A training row's negative ELBO or neighbour distance is not finite: the model diverged.", "data");
            var sorted = values.OrderBy(v => v).ToArray();
            var iqr = Quantiles.Of(sorted, 0.75) - Quantiles.Of(sorted, 0.25);
            return new ScoreNormalization((float)Quantiles.Of(sorted, 0.5), iqr > 1e-12 ? (float)iqr : 1f);
        }

        /// <summary>
        /// The combined score as ONNX nodes, from the scorer's code (mu) and negative ELBO: the same formulas as
        /// <see cref="Distances"/> and <see cref="Score"/>.
        /// </summary>
        internal string Emit(OnnxGraphBuilder g, string code, string negativeElbo)
        {
            const string s = "latent_neighbours";
            var m = Count;
            var transposed = new float[(long)LatentSize * m];
            var squaredNorms = new float[m];
            for (var r = 0; r < m; r++)
                for (var j = 0; j < LatentSize; j++) {
                    var v = Codes[(long)r * LatentSize + j];
                    transposed[(long)j * m + r] = v;
                    squaredNorms[r] += v * v;
                }
            var cross = g.Node("MatMul", s, code, g.Weight($"{s}/reference_t", transposed, new long[] { LatentSize, m }));
            var codeNorms = g.Node("ReduceSum", s, new[] { g.Node("Mul", s, code, code), g.Int64s($"{s}/axes", new[] { 1L }) },
                                   OnnxGraphBuilder.Int("keepdims", 1));
            var squared = g.Node("Sub", s, g.Node("Add", s, codeNorms, g.Weight($"{s}/reference_norms", squaredNorms, new long[] { 1, m })),
                                 g.Node("Mul", s, cross, g.Scalar($"{s}/two", 2f)));
            var distances = g.Node("Sqrt", s, g.Node("Relu", s, squared));
            var nearest = g.Nodes("TopK", s, 2, new[] { distances, g.Int64s($"{s}/k", new[] { (long)K }) },
                                  OnnxGraphBuilder.Int("axis", 1), OnnxGraphBuilder.Int("largest", 0))[0];
            var distance = GraphMath.RowMean(g, nearest, s);
            string Standardized(string v, ScoreNormalization n, string name) =>
                g.Node("Div", s, g.Node("Sub", s, v, g.Scalar($"{s}/{name}_center", n.Center)), g.Scalar($"{s}/{name}_scale", n.Scale));
            return g.Node("Add", "negative_elbo_plus_latent_neighbours", Standardized(negativeElbo, Elbo, "elbo"), Standardized(distance, Distance, "distance"));
        }
    }
}

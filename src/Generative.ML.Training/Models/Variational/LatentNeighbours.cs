using System;
using Generative.ML.Training.Data;
using Generative.ML.Training.Onnx;
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
    internal sealed class LatentNeighbours
    {
        LatentNeighbours(NeighbourReference reference, int k, ScoreNormalization elbo, ScoreNormalization distance)
        {
            Reference = reference;
            K = k;
            Elbo = elbo;
            Distance = distance;
        }

        NeighbourReference Reference { get; }

        /// <summary>The reference codes, row-major [Count, LatentSize].</summary>
        public float[] Codes => Reference.Points;

        /// <summary>The width of a code.</summary>
        public int LatentSize => Reference.Width;

        /// <summary>How many reference codes there are.</summary>
        public int Count => Reference.Count;

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
            NeighbourReference.CheckFit(model, data, contamination, maxReference);
            var n = data.RowCount;
            var l = (int)model.LatentSize;
            var codes = new float[(long)n * l];
            var elbo = NeighbourReference.NegativeElbos(model, data, (start, mu) =>
                mu.to_type(ScalarType.Float32).data<float>().CopyTo(codes.AsSpan(start * l)));
            var reference = NeighbourReference.Sample(codes, n, l, maxReference, seed, out var slot);
            var m = reference.Count;
            var k = Math.Min(m - 1, Math.Max(MinimumK, (int)Math.Ceiling(contamination * m)));
            var distance = new double[n];
            reference.ForEachLeaveOneOut(codes, n, slot, k, (start, nearest) =>
                nearest.mean(new long[] { 1 }).data<double>().ToArray().CopyTo(distance, start));
            return new LatentNeighbours(reference, k, NeighbourReference.Normalization(elbo, "negative ELBO"),
                                        NeighbourReference.Normalization(distance, "neighbour distance"));
        }

        /// <summary>The mean distance of each code of <paramref name="codes"/> [N, LatentSize] to its K nearest reference codes.</summary>
        public Tensor Distances(Tensor codes)
        {
            using var nearest = Reference.Nearest(codes, K);
            return nearest.mean(new long[] { 1 });
        }

        /// <summary>The combined score of rows with these negative ELBOs and neighbour distances.</summary>
        public Tensor Score(Tensor negativeElbo, Tensor distance)
        {
            using var scope = NewDisposeScope();
            var e = NeighbourReference.Standardized(negativeElbo, Elbo);
            var d = NeighbourReference.Standardized(distance, Distance);
            return (e + d).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// The combined score as ONNX nodes, from the scorer's code (mu) and negative ELBO: the same formulas as
        /// <see cref="Distances"/> and <see cref="Score"/>.
        /// </summary>
        internal string Emit(OnnxGraphBuilder g, string code, string negativeElbo)
        {
            const string s = "latent_neighbours";
            var distance = GraphMath.RowMean(g, Reference.EmitNearest(g, s, code, K), s);
            return g.Node("Add", "negative_elbo_plus_latent_neighbours", NeighbourReference.EmitStandardized(g, s, negativeElbo, Elbo, "elbo"),
                          NeighbourReference.EmitStandardized(g, s, distance, Distance, "distance"));
        }
    }
}

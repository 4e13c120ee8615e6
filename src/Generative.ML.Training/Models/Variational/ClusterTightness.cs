using System;
using System.Linq;
using Generative.ML.Graphs;
using Generative.ML.Training.Data;
using Generative.ML.Training.Onnx;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// How much tighter a row's nearest training rows are than its wider neighbourhood, beside the negative ELBO: for
    /// contamination that trimming cannot remove. A tight cluster of anomalies in the training rows is fitted as one more
    /// mode, often better than the normal rows, so its negative ELBO is low. It still differs from a normal mode in two
    /// ways at once: it is denser, and it is small. So its rows' <see cref="SmallK"/>-th nearest neighbour is close (inside
    /// the cluster) while their <see cref="LargeK"/>-th is far (outside it, LargeK being twice the expected anomaly count).
    /// The tightness is ln(d_LargeK + eps) - ln(d_SmallK + eps), measured in the scaled input space, where the quality
    /// benchmark found such clusters apart from the normal rows (a VAE's codes often put them among the normal codes).
    /// eps, half the training rows' median d_SmallK, keeps duplicated normal rows (d_SmallK = 0) from looking infinitely tight.
    /// The score is the standardised negative ELBO plus max(0, standardised tightness - 1): only rows clearly tighter than
    /// the training rows' typical tightness gain, so isolated rows keep the score the ELBO gives them.
    /// </summary>
    internal sealed class ClusterTightness
    {
        ClusterTightness(NeighbourReference reference, int smallK, int largeK, float epsilon, ScoreNormalization elbo, ScoreNormalization tightness)
        {
            Reference = reference;
            SmallK = smallK;
            LargeK = largeK;
            Epsilon = epsilon;
            Elbo = elbo;
            Tightness = tightness;
        }

        NeighbourReference Reference { get; }

        /// <summary>The reference rows (scaled), row-major [Count, Width].</summary>
        public float[] Rows => Reference.Points;

        /// <summary>The width of a row.</summary>
        public int Width => Reference.Width;

        /// <summary>How many reference rows there are.</summary>
        public int Count => Reference.Count;

        /// <summary>The near neighbour: inside a cluster of anomalies.</summary>
        public int SmallK { get; }

        /// <summary>The far neighbour: twice the expected anomaly count, outside a cluster of anomalies.</summary>
        public int LargeK { get; }

        /// <summary>Added to both distances before their logarithms.</summary>
        public float Epsilon { get; }

        /// <summary>The training rows' negative ELBO: its median and interquartile range.</summary>
        public ScoreNormalization Elbo { get; }

        /// <summary>The training rows' tightness (each row left out of its own neighbours): median and IQR.</summary>
        public ScoreNormalization Tightness { get; }

        /// <summary>The near neighbour's rank, where the reference holds enough rows.</summary>
        public const int NearK = 5;

        /// <summary>
        /// Keeps at most <paramref name="maxReference"/> of <paramref name="data"/>'s (scaled) rows as the reference (a seeded
        /// sample: scoring a row costs one distance per reference row and a partial sort of them; 512 scored the quality
        /// benchmark as 2,048 did, five times faster), and fits both terms' scales on every row.
        /// LargeK = max(2 x <see cref="NearK"/>, ceil(2 x <paramref name="contamination"/> x the reference count)), below the count.
        /// </summary>
        public static ClusterTightness Fit(VariationalAutoencoder model, TrainingData data, double contamination, int seed, int maxReference = 512)
        {
            NeighbourReference.CheckFit(model, data, contamination, maxReference);
            var n = data.RowCount;
            var elbo = NeighbourReference.NegativeElbos(model, data);
            var reference = NeighbourReference.Sample(data.Features, n, data.FeatureCount, maxReference, seed, out var slot);
            var m = reference.Count;
            var large = Math.Min(m - 1, Math.Max(2 * NearK, (int)Math.Ceiling(2 * contamination * m)));
            var small = Math.Max(1, Math.Min(NearK, large - 1));
            var near = new double[n];
            var far = new double[n];
            reference.ForEachLeaveOneOut(data.Features, n, slot, large, (start, nearest) => {
                nearest[.., small - 1].data<double>().ToArray().CopyTo(near, start);
                nearest[.., large - 1].data<double>().ToArray().CopyTo(far, start);
            });
            var epsilon = EpsilonFor(near, far);
            var tightness = near.Select((d, i) => Math.Log(far[i] + epsilon) - Math.Log(d + epsilon)).ToArray();
            return new ClusterTightness(reference, small, large, (float)epsilon, NeighbourReference.Normalization(elbo, "negative ELBO"),
                                        NeighbourReference.Normalization(tightness, "tightness"));
        }

        /// <summary>Half the median near distance; where most rows are duplicated (that median is 0), half the median far one.</summary>
        static double EpsilonFor(double[] near, double[] far)
        {
            double HalfMedian(double[] v) => Quantiles.Of(v.OrderBy(x => x).ToArray(), 0.5) / 2;
            var e = HalfMedian(near);
            if (e > 1e-12) return e;
            e = HalfMedian(far);
            return e > 1e-12 ? e : 1;
        }

        /// <summary>The tightness of each row of <paramref name="rows"/> [N, Width] (scaled) against the reference rows.</summary>
        public Tensor Tightnesses(Tensor rows)
        {
            using var scope = NewDisposeScope();
            var nearest = Reference.Nearest(rows, LargeK);
            return ((nearest[.., LargeK - 1] + Epsilon).log() - (nearest[.., SmallK - 1] + Epsilon).log()).MoveToOuterDisposeScope();
        }

        /// <summary>The combined score of rows with these negative ELBOs and tightnesses.</summary>
        public Tensor Score(Tensor negativeElbo, Tensor tightness)
        {
            using var scope = NewDisposeScope();
            var e = NeighbourReference.Standardized(negativeElbo, Elbo);
            var t = NeighbourReference.Standardized(tightness, Tightness);
            return (e + (t - 1).clamp_min(0)).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// The combined score as ONNX nodes, from the scorer's scaled input and negative ELBO: the same formulas as
        /// <see cref="Tightnesses"/> and <see cref="Score"/>.
        /// </summary>
        internal string Emit(OnnxGraphBuilder g, string x, string negativeElbo)
        {
            const string s = "cluster_tightness";
            var nearest = Reference.EmitNearest(g, s, x, LargeK);
            var epsilon = g.Scalar($"{s}/epsilon", Epsilon);
            var tightness = g.Node("Sub", s, NeighbourReference.EmitLogDistance(g, s, nearest, LargeK, epsilon, "large_k"),
                                   NeighbourReference.EmitLogDistance(g, s, nearest, SmallK, epsilon, "small_k"));
            var excess = g.Node("Relu", s, g.Node("Sub", s, NeighbourReference.EmitStandardized(g, s, tightness, Tightness, "tightness"), g.Scalar($"{s}/one", 1f)));
            return g.Node("Add", "negative_elbo_plus_cluster_tightness", NeighbourReference.EmitStandardized(g, s, negativeElbo, Elbo, "elbo"), excess);
        }
    }
}

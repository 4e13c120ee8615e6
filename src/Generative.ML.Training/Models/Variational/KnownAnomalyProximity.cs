using System;
using System.Linq;
using Generative.ML.Graphs;
using Generative.ML.Training.Data;
using Generative.ML.Training.Onnx;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// How much nearer a row lies to a known anomaly than to the normal rows, beside the negative ELBO: what a few labelled
    /// anomalies say that no unsupervised score can, that rows like them are anomalies even where the model fits them well
    /// (a class of anomalies learned as one more mode). In the scaled input space, the proximity is
    /// ln(d_normal + eps) - ln(d_anomaly + eps), with d_normal the distance to the <see cref="NearK"/>-th nearest reference
    /// training row and d_anomaly the distance to the nearest known anomaly; eps is half the training rows' median d_normal.
    /// The score is the standardised negative ELBO plus max(0, standardised proximity - 1), both scales from the training
    /// rows (each left out of its own neighbours): only rows clearly nearer a known anomaly than training rows usually are gain.
    /// </summary>
    internal sealed class KnownAnomalyProximity
    {
        KnownAnomalyProximity(NeighbourReference normal, NeighbourReference anomalies, int k, float epsilon, ScoreNormalization elbo, ScoreNormalization proximity)
        {
            Normal = normal;
            Anomalies = anomalies;
            K = k;
            Epsilon = epsilon;
            Elbo = elbo;
            Proximity = proximity;
        }

        NeighbourReference Normal { get; }

        NeighbourReference Anomalies { get; }

        /// <summary>The normal neighbour's rank.</summary>
        public int K { get; }

        /// <summary>Added to both distances before their logarithms.</summary>
        public float Epsilon { get; }

        /// <summary>The training rows' negative ELBO: median and interquartile range.</summary>
        public ScoreNormalization Elbo { get; }

        /// <summary>The training rows' proximity: median and interquartile range.</summary>
        public ScoreNormalization Proximity { get; }

        /// <summary>The known anomalies kept (scaled), row-major.</summary>
        public int AnomalyCount => Anomalies.Count;

        /// <summary>The rank of the normal neighbour, where the reference holds enough rows.</summary>
        public const int NearK = 5;

        /// <summary>
        /// Keeps at most <paramref name="maxReference"/> of the (scaled) training rows and of the known anomalies as
        /// references (seeded samples), and fits both terms' scales on every training row.
        /// </summary>
        public static KnownAnomalyProximity Fit(VariationalAutoencoder model, TrainingData data, TrainingData knownAnomalies, int seed, int maxReference = 512)
        {
            NeighbourReference.CheckFit(model, data, 0.05, maxReference);
            if (knownAnomalies is null || knownAnomalies.RowCount == 0)
                throw new ArgumentException("The known-anomalies score needs at least one known anomaly.", nameof(knownAnomalies));
            if (knownAnomalies.FeatureCount != data.FeatureCount)
                throw new ArgumentException($"The known anomalies have {knownAnomalies.FeatureCount} values a row; the training rows {data.FeatureCount}.", nameof(knownAnomalies));
            var n = data.RowCount;
            var elbo = NeighbourReference.NegativeElbos(model, data);
            var normal = NeighbourReference.Sample(data.Features, n, data.FeatureCount, maxReference, seed, out var slot);
            var anomalies = NeighbourReference.Sample(knownAnomalies.Features, knownAnomalies.RowCount, data.FeatureCount, maxReference, unchecked(seed + 1), out _);
            var k = Math.Max(1, Math.Min(NearK, normal.Count - 1));
            var near = new double[n];
            normal.ForEachLeaveOneOut(data.Features, n, slot, k, (start, nearest) => nearest[.., k - 1].data<double>().ToArray().CopyTo(near, start));
            var toAnomaly = new double[n];
            var none = Enumerable.Repeat(-1, n).ToArray();
            anomalies.ForEachLeaveOneOut(data.Features, n, none, 1, (start, nearest) => nearest[.., 0].data<double>().ToArray().CopyTo(toAnomaly, start));
            var half = Quantiles.Of(near.OrderBy(v => v).ToArray(), 0.5) / 2;
            var epsilon = half > 1e-12 ? half : 1;
            var proximity = near.Select((d, i) => Math.Log(d + epsilon) - Math.Log(toAnomaly[i] + epsilon)).ToArray();
            return new KnownAnomalyProximity(normal, anomalies, k, (float)epsilon, NeighbourReference.Normalization(elbo, "negative ELBO"),
                                             NeighbourReference.Normalization(proximity, "proximity to known anomalies"));
        }

        /// <summary>The combined score of scaled rows [N, Width] with these negative ELBOs, in torch: what the graph computes.</summary>
        public Tensor Score(Tensor rows, Tensor negativeElbo)
        {
            using var scope = NewDisposeScope();
            var dNormal = Normal.Nearest(rows, K)[.., K - 1];
            var dAnomaly = Anomalies.Nearest(rows, 1)[.., 0];
            var proximity = (dNormal + Epsilon).log() - (dAnomaly + Epsilon).log();
            var e = NeighbourReference.Standardized(negativeElbo, Elbo);
            var p = NeighbourReference.Standardized(proximity, Proximity);
            return (e + (p - 1).clamp_min(0)).MoveToOuterDisposeScope();
        }

        /// <summary>The combined score as ONNX nodes, from the scorer's scaled input and negative ELBO.</summary>
        internal string Emit(OnnxGraphBuilder g, string x, string negativeElbo)
        {
            const string s = "known_anomalies";
            var epsilon = g.Scalar($"{s}/epsilon", Epsilon);
            var normal = NeighbourReference.EmitLogDistance(g, s, Normal.EmitNearest(g, $"{s}/normal", x, K), K, epsilon, "k");
            var anomaly = NeighbourReference.EmitLogDistance(g, s, Anomalies.EmitNearest(g, $"{s}/anomalies", x, 1), 1, epsilon, "first");
            var proximity = g.Node("Sub", s, normal, anomaly);
            var excess = g.Node("Relu", s, g.Node("Sub", s, NeighbourReference.EmitStandardized(g, s, proximity, Proximity, "proximity"), g.Scalar($"{s}/one", 1f)));
            return g.Node("Add", "negative_elbo_plus_known_anomalies", NeighbourReference.EmitStandardized(g, s, negativeElbo, Elbo, "elbo"), excess);
        }
    }
}

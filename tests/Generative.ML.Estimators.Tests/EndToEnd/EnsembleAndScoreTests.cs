using System;
using System.IO;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>Slow: an ensemble, the latent-Mahalanobis, latent-neighbours and cluster-tightness scores, through the ML.NET transforms and Save/Load.</summary>
    [Trait("Category", "EndToEnd")]
    public class EnsembleAndScoreTests
    {
        sealed class Scored
        {
            public float Score { get; set; }
        }

        static Row[] Test() => Rows.Normal(300, 3).Concat(Rows.Anomalies(30, 4)).ToArray();

        /// <summary>
        /// Fits VaeAnomalyScore with these options on normal rows, checks one metadata entry of its scorer and that it
        /// separates the planted anomalies, then saves and loads it: the test rows' scores before and after.
        /// </summary>
        static (float[] before, float[] after) FitSeparateSaveAndLoad(VariationalAutoencoderOptions options, string metadataKey, string metadataValue, string name)
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(500, 1));
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(train);
            using (var session = new InferenceSession(model.Graphs.Scorer))
                Assert.Equal(metadataValue, session.ModelMetadata.CustomMetadataMap[metadataKey]);
            var test = ml.Data.LoadFromEnumerable(Test());
            var auc = ml.AnomalyDetection.Evaluate(model.Transform(test), labelColumnName: "Label").AreaUnderRocCurve;
            Assert.True(auc >= 0.95, $"AUC {auc:F3}");

            var path = Path.Combine(Path.GetTempPath(), $"gml-{name}-{Guid.NewGuid():N}.zip");
            try {
                ml.Model.Save(model, train.Schema, path);
                var loaded = ml.Model.Load(path, out _);
                float[] Scores(ITransformer t) => ml.Data.CreateEnumerable<Scored>(t.Transform(test), reuseRowObject: false).Select(s => s.Score).ToArray();
                return (Scores(model), Scores(loaded));
            } finally {
                File.Delete(path);
            }
        }

        [Fact]
        public void An_ensemble_is_one_onnx_scorer_that_separates_anomalies_and_saves_and_loads()
        {
            var options = Quick.Vae();
            options.EnsembleSize = 3;
            var (before, after) = FitSeparateSaveAndLoad(options, "ensemble_size", "3", "ensemble");
            Assert.Equal(before, after);
        }

        [Fact]
        public void The_latent_neighbours_score_separates_planted_anomalies_and_saves_and_loads()
        {
            var options = Quick.Vae();
            options.Score = AnomalyScoreKind.NegativeElboPlusLatentNeighbours;
            var (before, after) = FitSeparateSaveAndLoad(options, "score", "negative_elbo_plus_latent_neighbours", "neighbours");
            // The same graph, run in batches of another size: the distances' matrix product may round in another order
            // (|a|^2 + |b|^2 - 2 a.b cancels), so the scores agree to float precision, not to the bit.
            for (var i = 0; i < before.Length; i++) Assert.Equal(before[i], after[i], 1e-5 * Math.Max(1, Math.Abs(before[i])));
        }

        [Fact]
        public void The_cluster_tightness_score_separates_planted_anomalies_and_saves_and_loads()
        {
            var options = Quick.Vae();
            options.Score = AnomalyScoreKind.NegativeElboPlusClusterTightness;
            var (before, after) = FitSeparateSaveAndLoad(options, "score", "negative_elbo_plus_cluster_tightness", "tightness");
            // As for the latent neighbours: the same graph in batches of another size agrees to float precision.
            for (var i = 0; i < before.Length; i++) Assert.Equal(before[i], after[i], 1e-5 * Math.Max(1, Math.Abs(before[i])));
        }

        [Fact]
        public void The_latent_mahalanobis_score_separates_planted_anomalies()
        {
            var ml = new MLContext(seed: 1);
            var options = Quick.Vae();
            options.Score = AnomalyScoreKind.LatentMahalanobisPlusReconstruction;
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(ml.Data.LoadFromEnumerable(Rows.Normal(500, 1)));
            var auc = ml.AnomalyDetection.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(Test())), labelColumnName: "Label").AreaUnderRocCurve;
            Assert.True(auc >= 0.95, $"AUC {auc:F3}");
        }
    }
}

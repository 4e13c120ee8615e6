using System;
using System.Linq;
using Generative.ML.Training.Data;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Onnx;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Export
{
    public class LatentNeighboursScoreTests
    {
        const int D = 5, Latent = 3;

        static (VariationalAutoencoder model, TrainingData data) Model(int rows) => Support.Synthetic.UntrainedVaeAndRows(D, Latent, rows);

        static float[] Codes(VariationalAutoencoder model, TrainingData data)
        {
            using var _ = no_grad();
            using var x = tensor(data.Features, data.RowCount, D);
            using var mu = model.Encode(x);
            return OnnxRun.Values(mu);
        }

        [Fact]
        public void K_is_the_expected_number_of_anomalies_among_the_reference_codes()
        {
            var (model, data) = Model(300);
            using (model) {
                model.FitLatentNeighbours(data, contamination: 0.1, seed: 1);
                Assert.Equal(300, model.Neighbours!.Count);
                Assert.Equal(30, model.Neighbours.K);
                // A smaller share is floored at MinimumK, and the reference set is a sample of at most maxReference rows.
                var capped = LatentNeighbours.Fit(model, data, contamination: 0.01, seed: 1, maxReference: 100);
                Assert.Equal(100, capped.Count);
                Assert.Equal(LatentNeighbours.MinimumK, capped.K);
                // Every kept code is one of the training rows' codes: a sample, not a summary.
                var codes = Codes(model, data);
                for (var r = 0; r < capped.Count; r++) {
                    var kept = capped.Codes.AsSpan(r * Latent, Latent).ToArray();
                    Assert.Contains(Enumerable.Range(0, data.RowCount), i => codes.AsSpan(i * Latent, Latent).SequenceEqual(kept));
                }
            }
        }

        [Fact]
        public void The_training_scale_leaves_each_row_out_of_its_own_neighbours()
        {
            var (model, data) = Model(120);
            using (model) {
                model.FitLatentNeighbours(data, contamination: 0.05, seed: 3);
                var fitted = model.Neighbours!;
                // Brute force in double precision: each row's mean distance to its K nearest other rows' codes.
                var codes = Codes(model, data);
                var n = data.RowCount;
                var distances = Support.Synthetic.SortedDistancesToOthers(codes, n, Latent).Select(d => d.Take(fitted.K).Average()).ToArray();
                Assert.Equal(Support.Synthetic.Median(distances), fitted.Distance.Center, 4);
                using var _ = no_grad();
                using var x = tensor(data.Features, n, D);
                using var elbo = model.NegativeElbo(x);
                Assert.Equal(Support.Synthetic.Median(OnnxRun.Values(elbo).Select(v => (double)v).ToArray()), fitted.Elbo.Center, 3);
            }
        }

        [Fact]
        public void Onnx_score_equals_the_standardised_elbo_plus_the_standardised_neighbour_distance()
        {
            var (model, data) = Model(200);
            using (model) {
                model.FitLatentNeighbours(data, contamination: 0.05, seed: 1);
                var exported = OnnxExporter.Export(model, new OnnxExportOptions { Score = AnomalyScoreKind.NegativeElboPlusLatentNeighbours });
                Assert.Equal("negative_elbo_plus_latent_neighbours", exported.Metadata["score"]);
                // Rows the model never saw, some far out, so that the neighbour term varies.
                var r = new Random(9);
                var x = Enumerable.Range(0, 17 * D).Select(i => (float)((i / D % 4 == 0 ? 12 : 3) * Support.Synthetic.Gaussian(r))).ToArray();
                using var scorer = new InferenceSession(exported.Scorer);
                var onnx = OnnxRun.Floats(scorer, ("x", x, D))["score"];
                using var _ = no_grad();
                using var xt = tensor(x, 17, D);
                using var mu = model.Encode(xt);
                using var elbo = model.NegativeElbo(xt);
                using var distance = model.Neighbours!.Distances(mu);
                using var expected = model.Neighbours.Score(elbo, distance);
                Assert.True(OnnxRun.RelativeError(onnx, OnnxRun.Values(expected)) <= 1e-4);
                // The term moves the score: far rows are farther from their neighbours than the training median.
                Assert.True(OnnxRun.Values(distance).Max() > model.Neighbours.Distance.Center + 3 * model.Neighbours.Distance.Scale);
            }
        }

        /// <summary>The scores that look at the training codes or rows refuse to export before those are fitted, naming the call.</summary>
        [Theory]
        [InlineData(AnomalyScoreKind.NegativeElboPlusLatentNeighbours, "FitLatentNeighbours")]
        [InlineData(AnomalyScoreKind.NegativeElboPlusClusterTightness, "FitClusterTightness")]
        [InlineData(AnomalyScoreKind.LatentMahalanobisPlusReconstruction, "FitAggregatePosterior")]
        public void Without_the_training_codes_the_export_says_what_to_call(AnomalyScoreKind score, string call)
        {
            using var model = new VariationalAutoencoder(D, Latent);
            var e = Assert.Throws<ArgumentException>(() => OnnxExporter.Export(model, new OnnxExportOptions { Score = score }));
            Assert.Contains(call, e.Message);
        }
    }
}

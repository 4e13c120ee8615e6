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
    public class ClusterTightnessScoreTests
    {
        const int D = 5, Latent = 3;

        static (VariationalAutoencoder model, TrainingData data) Model(int rows) => Support.Synthetic.UntrainedVaeAndRows(D, Latent, rows);

        [Fact]
        public void The_far_neighbour_is_twice_the_expected_anomaly_count_and_the_reference_is_a_sample_of_rows()
        {
            var (model, data) = Model(300);
            using (model) {
                model.FitClusterTightness(data, contamination: 0.1, seed: 1);
                Assert.Equal(300, model.Tightness!.Count);
                Assert.Equal(60, model.Tightness.LargeK);
                Assert.Equal(ClusterTightness.NearK, model.Tightness.SmallK);
                // A small share is floored at twice the near neighbour; the reference is at most maxReference rows, each a training row.
                var capped = ClusterTightness.Fit(model, data, contamination: 0.01, seed: 1, maxReference: 100);
                Assert.Equal(100, capped.Count);
                Assert.Equal(2 * ClusterTightness.NearK, capped.LargeK);
                for (var r = 0; r < capped.Count; r++) {
                    var kept = capped.Rows.AsSpan(r * D, D).ToArray();
                    Assert.Contains(Enumerable.Range(0, data.RowCount), i => data.Features.AsSpan(i * D, D).SequenceEqual(kept));
                }
            }
        }

        [Fact]
        public void The_training_scale_leaves_each_row_out_of_its_own_neighbours()
        {
            var (model, data) = Model(120);
            using (model) {
                model.FitClusterTightness(data, contamination: 0.05, seed: 3);
                var fitted = model.Tightness!;
                Assert.Equal(12, fitted.LargeK);
                // Brute force: the 5th and the 12th nearest other rows.
                var sorted = Support.Synthetic.SortedDistancesToOthers(data.Features, data.RowCount, D);
                var near = sorted.Select(d => d[fitted.SmallK - 1]).ToArray();
                var far = sorted.Select(d => d[fitted.LargeK - 1]).ToArray();
                var epsilon = Support.Synthetic.Median(near) / 2;
                Assert.Equal(epsilon, fitted.Epsilon, 4);
                Assert.Equal(Support.Synthetic.Median(near.Select((d, i) => Math.Log(far[i] + epsilon) - Math.Log(d + epsilon)).ToArray()), fitted.Tightness.Center, 4);
            }
        }

        [Fact]
        public void Duplicated_rows_do_not_make_the_tightness_infinite()
        {
            // Two thirds of the rows are one row repeated: their near distance is 0, and so is the median near distance.
            var (model, data) = Model(60);
            using (model) {
                var rows = data.Features.Select((v, i) => i < 40 * D ? data.Features[i % D] : v).ToArray();
                var duplicated = TrainingData.FromMatrix(rows, D);
                model.FitClusterTightness(duplicated, contamination: 0.05, seed: 1);
                var fitted = model.Tightness!;
                Assert.True(fitted.Epsilon > 0 && float.IsFinite(fitted.Tightness.Center) && float.IsFinite(fitted.Tightness.Scale));
                using var _ = no_grad();
                using var x = tensor(rows, 60, D);
                Assert.All(OnnxRun.Values(fitted.Tightnesses(x)), t => Assert.True(float.IsFinite(t)));
            }
        }

        [Fact]
        public void Onnx_score_equals_the_standardised_elbo_plus_the_excess_tightness()
        {
            // Training rows with a tight cluster of 8 (fewer than LargeK = 10): its rows are the tightest there are.
            var (model, data) = Model(200);
            using (model) {
                var r = new Random(4);
                var centre = Enumerable.Range(0, D).Select(_ => 2f).ToArray();
                var rows = data.Features.Select((v, i) => i < 8 * D ? centre[i % D] + (float)(0.01 * Support.Synthetic.Gaussian(r)) : v).ToArray();
                var training = TrainingData.FromMatrix(rows, D);
                model.FitClusterTightness(training, contamination: 0.02, seed: 1);
                var exported = OnnxExporter.Export(model, new OnnxExportOptions { Score = AnomalyScoreKind.NegativeElboPlusClusterTightness });
                Assert.Equal("negative_elbo_plus_cluster_tightness", exported.Metadata["score"]);
                // New rows: some at the cluster (the term is active), some far out, the rest ordinary.
                var x = Enumerable.Range(0, 17 * D).Select(i => i / D < 5 ? centre[i % D] + (float)(0.01 * Support.Synthetic.Gaussian(r))
                                                                          : (float)((i / D % 4 == 0 ? 12 : 3) * Support.Synthetic.Gaussian(r) + 1)).ToArray();
                using var scorer = new InferenceSession(exported.Scorer);
                var onnx = OnnxRun.Floats(scorer, ("x", x, D))["score"];
                using var _ = no_grad();
                using var xt = tensor(x, 17, D);
                using var elbo = model.NegativeElbo(xt);
                using var tightness = model.Tightness!.Tightnesses(xt);
                using var expected = model.Tightness.Score(elbo, tightness);
                Assert.True(OnnxRun.RelativeError(onnx, OnnxRun.Values(expected)) <= 1e-4);
                // The term moves the score of the cluster's rows: their tightness is more than one IQR above the median.
                var fitted = model.Tightness;
                Assert.All(OnnxRun.Values(tightness).Take(5), t => Assert.True((t - fitted.Tightness.Center) / fitted.Tightness.Scale > 1, $"tightness {t}"));
            }
        }
    }
}

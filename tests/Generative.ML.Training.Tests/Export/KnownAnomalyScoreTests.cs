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
    public class KnownAnomalyScoreTests
    {
        const int D = 5, Latent = 3;

        [Fact]
        public void Onnx_score_equals_the_standardised_elbo_plus_the_excess_proximity_to_a_known_anomaly()
        {
            var (model, data) = Support.Synthetic.UntrainedVaeAndRows(D, Latent, 200);
            using (model) {
                var r = new Random(4);
                // Four known anomalies around (3, 3, 3, 3, 3), off the training rows.
                var centre = Enumerable.Repeat(3f, D).ToArray();
                float Near(int i) => centre[i % D] + (float)(0.2 * Support.Synthetic.Gaussian(r));
                var known = TrainingData.FromMatrix(Enumerable.Range(0, 4 * D).Select(Near).ToArray(), D);
                model.FitKnownAnomalies(data, known, seed: 1);
                Assert.Equal(4, model.KnownAnomalies!.AnomalyCount);
                var exported = OnnxExporter.Export(model, new OnnxExportOptions { Score = AnomalyScoreKind.NegativeElboPlusKnownAnomalies });
                Assert.Equal("negative_elbo_plus_known_anomalies", exported.Metadata["score"]);
                // New rows: five near the known anomalies, the rest like the training rows.
                var x = Enumerable.Range(0, 17 * D).Select(i => i / D < 5 ? Near(i) : data.Features[(i + 7 * D) % data.Features.Length] + 0.05f).ToArray();
                using var scorer = new InferenceSession(exported.Scorer);
                var onnx = OnnxRun.Floats(scorer, ("x", x, D))["score"];
                using var _ = no_grad();
                using var xt = tensor(x, 17, D);
                using var elbo = model.NegativeElbo(xt);
                using var expected = model.KnownAnomalies.Score(xt, elbo);
                Assert.True(OnnxRun.RelativeError(onnx, OnnxRun.Values(expected)) <= 1e-4);
                // The term lifts the rows near the known anomalies above the standardised ELBO alone; the others keep it.
                var fitted = model.KnownAnomalies;
                var standardised = OnnxRun.Values(elbo).Select(e => (e - fitted.Elbo.Center) / fitted.Elbo.Scale).ToArray();
                for (var i = 0; i < 5; i++) Assert.True(onnx[i] > standardised[i] + 1, $"row {i}: score {onnx[i]} against the ELBO's {standardised[i]}");
                Assert.True(Enumerable.Range(5, 12).Count(i => Math.Abs(onnx[i] - standardised[i]) < 1e-4) >= 10);
            }
        }

        [Fact]
        public void The_score_needs_known_anomalies()
        {
            var (model, data) = Support.Synthetic.UntrainedVaeAndRows(D, Latent, 50);
            using (model) {
                Assert.Contains("known anomalies", Assert.Throws<ArgumentException>(() =>
                    OnnxExporter.Export(model, new OnnxExportOptions { Score = AnomalyScoreKind.NegativeElboPlusKnownAnomalies })).Message);
                Assert.Throws<ArgumentException>(() => model.FitKnownAnomalies(data, TrainingData.FromMatrix(new float[3], 3), seed: 1));
            }
        }
    }
}

using System;
using System.Linq;
using Generative.ML.Training.Data;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Onnx;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Export
{
    public class LatentMahalanobisScoreTests
    {
        const int D = 5, Latent = 3;

        static (VariationalAutoencoder model, TrainingData data) Fitted()
        {
            var (model, data) = Support.Synthetic.UntrainedVaeAndRows(D, Latent, 200);
            model.FitAggregatePosterior(data);
            return (model, data);
        }

        [Fact]
        public void The_fitted_gaussian_whitens_the_training_codes()
        {
            var (model, data) = Fitted();
            using (model) {
                using var _ = no_grad();
                using var x = tensor(data.Features, data.RowCount, D);
                using var codes = model.Encode(x);
                using var distance = model.AggregatePosterior!.SquaredDistance(codes);
                // Whitened codes have identity covariance: the squared distances average (n - 1) / n * Latent.
                Assert.Equal(Latent * 199.0 / 200, distance.mean().ToDouble(), 3);
                using var codeMean = codes.mean(new long[] { 0 });
                Assert.True(OnnxRun.RelativeError(model.AggregatePosterior.Mean, OnnxRun.Values(codeMean)) <= 1e-5, "the Gaussian's mean is the codes' mean");
            }
        }

        [Fact]
        public void Onnx_score_equals_the_reconstruction_nll_plus_half_the_squared_distance()
        {
            var (model, data) = Fitted();
            using (model) {
                var exported = OnnxExporter.Export(model, new OnnxExportOptions { Score = AnomalyScoreKind.LatentMahalanobisPlusReconstruction });
                Assert.Equal("latent_mahalanobis_plus_reconstruction", exported.Metadata["score"]);
                var x = data.Features[..(13 * D)];
                using var scorer = new InferenceSession(exported.Scorer);
                var onnx = OnnxRun.Floats(scorer, ("x", x, D))["score"];
                using var _ = no_grad();
                using var xt = tensor(x, 13, D);
                using var mu = model.Encode(xt);
                using var output = model.DecodeParameters(mu);
                using var logLikelihood = model.LogLikelihood(xt, output);
                using var distance = model.AggregatePosterior!.SquaredDistance(mu);
                using var expected = 0.5 * distance - logLikelihood;
                Assert.True(OnnxRun.RelativeError(onnx, OnnxRun.Values(expected)) <= 1e-5);
            }
        }
    }
}

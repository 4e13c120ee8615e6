using System;
using System.Linq;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Objectives;
using Generative.ML.Training.Onnx;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Export
{
    /// <summary>The exported importance-weighted score equals the IWAE estimate torch computes with the graph's own draws.</summary>
    public class ImportanceWeightedScoreTests
    {
        [Theory]
        [InlineData("vae-gaussian")]
        [InlineData("vae-fixed")]
        [InlineData("vae-bernoulli")]
        public void OnnxScoreEqualsTorchsIwaeEstimateWithTheSameDraws(string kind)
        {
            using var model = (VariationalAutoencoder)ExportCases.Trained(kind, "mlp");
            const int samples = 16;
            var exported = OnnxExporter.Export(model, new OnnxExportOptions { Score = AnomalyScoreKind.ImportanceWeightedNll, ImportanceSamples = samples });
            var proto = ModelProto.Parser.ParseFrom(exported.Scorer);
            Assert.Equal("importance_weighted_nll", proto.MetadataProps.Single(p => p.Key == "score").Value);
            var epsProto = proto.Graph.Initializer.Single(i => i.Name == "iwae/eps");
            var eps = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(epsProto.RawData.ToByteArray()).ToArray();

            using var session = new InferenceSession(exported.Scorer);
            const int batch = 9;
            var x = ExportCases.Rows(new Random(5), batch, ExportCases.Features);
            var onnx = OnnxRun.Floats(session, ("x", x, ExportCases.Features));

            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var xt = tensor(x, batch, ExportCases.Features);
            var (mu, logvar) = model.EncodeDistribution(xt);
            var e = tensor(eps, 1, samples, ExportCases.Latent);
            var z = (mu.unsqueeze(1) + (0.5 * logvar).exp().unsqueeze(1) * e).reshape(batch * samples, ExportCases.Latent);
            var xk = xt.unsqueeze(1).expand(batch, samples, ExportCases.Features).reshape(batch * samples, ExportCases.Features);
            var muK = mu.unsqueeze(1).expand(batch, samples, ExportCases.Latent).reshape(batch * samples, ExportCases.Latent);
            var logvarK = logvar.unsqueeze(1).expand(batch, samples, ExportCases.Latent).reshape(batch * samples, ExportCases.Latent);
            var logW = model.LogLikelihood(xk, model.DecodeParameters(z)) + Objective.StandardNormalLogDensity(z) - Objective.GaussianLogLikelihood(z, muK, logvarK);
            var nll = -Objective.LogMeanExp(logW.reshape(batch, samples), 1);
            var expected = OnnxRun.Values(nll);

            Assert.True(OnnxRun.RelativeError(onnx["score"], expected) < 1e-4, $"{kind}: ONNX {string.Join(",", onnx["score"].Take(3))} vs torch {string.Join(",", expected.Take(3))}");
            // The label follows the importance-weighted score too (no threshold: never).
            Assert.All(onnx["label"], l => Assert.Equal(0f, l));
        }

        [Fact]
        public void PlainAutoencodersAndConditionalModelsAreRefused()
        {
            using var ae = ExportCases.Trained("ae", "mlp");
            using var cvae = ExportCases.Trained("cvae", "mlp");
            foreach (var model in new GenerativeModel[] { ae, cvae })
                Assert.Equal("Score", Assert.Throws<ArgumentException>(() =>
                    OnnxExporter.Export(model, new OnnxExportOptions { Score = AnomalyScoreKind.ImportanceWeightedNll })).ParamName);
        }
    }
}

using System;
using System.Linq;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Onnx;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Export
{
    /// <summary>An ensemble exported as one scorer gives, through ONNX Runtime, what its members give in torch, combined.</summary>
    public class EnsembleExportTests
    {
        const int D = 7, Latent = 2, Batch = 11;

        static VariationalAutoencoder Member(long seed)
        {
            var m = new VariationalAutoencoder(D, Latent);
            m.InitializeWeights(seed);
            m.eval();
            return m;
        }

        [Fact]
        public void The_ensemble_score_is_the_mean_of_the_members_normalized_scores()
        {
            using var a = Member(1);
            using var b = Member(2);
            using var c = Member(3);
            var members = new EncodingModel[] { a, b, c };
            var normalization = new[] { new ScoreNormalization(10, 2), new ScoreNormalization(-3, 0.5f), new ScoreNormalization(0, 4) };
            var exported = OnnxExporter.ExportEnsemble(members, normalization, new OnnxExportOptions { AnomalyThreshold = 0.5 });
            Assert.Equal("3", exported.Metadata["ensemble_size"]);

            var r = new Random(8);
            var x = Enumerable.Range(0, Batch * D).Select(_ => (float)(2 * Support.Synthetic.Gaussian(r))).ToArray();
            using var xt = tensor(x, Batch, D);
            using var _ = no_grad();
            using var scorer = new InferenceSession(exported.Scorer);
            var scored = OnnxRun.Floats(scorer, ("x", x, D));

            var elbos = members.Select(m => OnnxRun.Values(((VariationalAutoencoder)m).NegativeElbo(xt))).ToArray();
            var expected = Enumerable.Range(0, Batch).Select(i =>
                (float)Enumerable.Range(0, 3).Average(k => (elbos[k][i] - normalization[k].Center) / normalization[k].Scale)).ToArray();
            Assert.True(OnnxRun.RelativeError(scored["score"], expected) <= 1e-5, "ensemble score");
            Assert.Equal(expected.Select(s => s > 0.5f ? 1f : 0f), scored["label"]);
            var meanElbo = Enumerable.Range(0, Batch).Select(i => (float)elbos.Average(e => e[i])).ToArray();
            Assert.True(OnnxRun.RelativeError(scored["negative_elbo"], meanElbo) <= 1e-5, "mean negative ELBO");
            var reconstructions = members.Select(m => OnnxRun.Values(m.Reconstruct(xt))).ToArray();
            var meanReconstruction = Enumerable.Range(0, Batch * D).Select(i => (float)reconstructions.Average(v => v[i])).ToArray();
            Assert.True(OnnxRun.RelativeError(scored["reconstruction"], meanReconstruction) <= 1e-5, "mean reconstruction");

            // The encoder is the first member's.
            using var encoder = new InferenceSession(exported.Encoder);
            var (mu, logvar) = a.EncodeDistribution(xt);
            using (mu) using (logvar)
                Assert.True(OnnxRun.RelativeError(OnnxRun.Floats(encoder, ("x", x, D))["mu"], OnnxRun.Values(mu)) <= 1e-5, "first member's mu");
        }

        [Fact]
        public void Members_of_another_shape_and_bad_normalizations_are_refused()
        {
            using var a = Member(1);
            using var other = new VariationalAutoencoder(D, Latent + 1);
            var ok = new ScoreNormalization(0, 1);
            Assert.Contains("Member 1", Assert.Throws<ArgumentException>(() =>
                OnnxExporter.ExportEnsemble(new GenerativeModel[] { a, other }, new[] { ok, ok })).Message);
            Assert.Contains("positive scale", Assert.Throws<ArgumentException>(() =>
                OnnxExporter.ExportEnsemble(new GenerativeModel[] { a, a }, new[] { ok, new ScoreNormalization(0, 0) })).Message);
            Assert.Equal("normalization", Assert.Throws<ArgumentException>(() =>
                OnnxExporter.ExportEnsemble(new GenerativeModel[] { a, a }, new[] { ok })).ParamName);
        }
    }
}

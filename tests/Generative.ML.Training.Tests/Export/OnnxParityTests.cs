using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Onnx;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Export
{
    /// <summary>
    /// The exported graphs, run by ONNX Runtime, give what the trained model gives in torch (eval mode), to 1e-5 of the
    /// output's scale, for every model kind, both architectures and batches of 1, 7 and 256 rows.
    /// </summary>
    [Trait("Category", "EndToEnd")]
    public class OnnxParityTests
    {
        const double Tolerance = 1e-5;

        [Theory]
        [MemberData(nameof(ExportCases.All), MemberType = typeof(ExportCases))]
        public void Onnx_outputs_equal_torch_eval_outputs(string kind, string architecture)
        {
            using var model = (EncodingModel)ExportCases.Trained(kind, architecture); // every kind here has an encoder
            using var _ = no_grad();
            var vae = model as VariationalAutoencoder;
            var threshold = MedianScore(model);
            var exported = OnnxExporter.Export(model, new OnnxExportOptions { AnomalyThreshold = threshold });
            using var encoder = new InferenceSession(exported.Encoder);
            using var decoder = new InferenceSession(exported.Decoder);
            using var scorer = new InferenceSession(exported.Scorer);
            var r = new Random(kind.Length * 31 + architecture.Length);

            foreach (var batch in new[] { 1, 7, 256 }) {
                var x = ExportCases.Rows(r, batch, ExportCases.Features);
                var c = model.ConditionSize > 0 ? ExportCases.Rows(r, batch, (int)model.ConditionSize) : null;
                using var xt = tensor(x, batch, ExportCases.Features);
                using var ct = c is null ? null : tensor(c, batch, model.ConditionSize);
                var dataInputs = c is null
                    ? new[] { ("x", x, (long)ExportCases.Features) }
                    : new[] { ("x", x, (long)ExportCases.Features), ("condition", c, model.ConditionSize) };

                var encoded = OnnxRun.Floats(encoder, dataInputs);
                if (vae is not null) {
                    var (mu, logvar) = vae.EncodeDistribution(xt, ct);
                    using (mu) using (logvar) {
                        Close(encoded["mu"], mu, $"{kind}/{architecture} mu, batch {batch}");
                        Close(encoded["logvar"], logvar, $"{kind}/{architecture} logvar, batch {batch}");
                    }
                } else {
                    using var code = model.Encode(xt);
                    Close(encoded["code"], code, $"{kind}/{architecture} code, batch {batch}");
                }

                var z = Enumerable.Range(0, batch * ExportCases.Latent).Select(_ => (float)Support.Synthetic.Gaussian(r)).ToArray();
                using var zt = tensor(z, batch, ExportCases.Latent);
                var latentName = vae is null ? "code" : "z";
                var decoderInputs = c is null
                    ? new[] { (latentName, z, (long)ExportCases.Latent) }
                    : new[] { (latentName, z, (long)ExportCases.Latent), ("condition", c, model.ConditionSize) };
                using (var decoded = vae is not null ? vae.Decode(zt, ct) : ((Autoencoder)model).Decode(zt))
                    Close(OnnxRun.Floats(decoder, decoderInputs)["reconstruction"], decoded, $"{kind}/{architecture} decoder, batch {batch}");

                var scored = OnnxRun.Floats(scorer, dataInputs);
                using var reconstruction = model.Reconstruct(xt, ct);
                using var error = ReconstructionError(xt, reconstruction);
                Close(scored["reconstruction"], reconstruction, $"{kind}/{architecture} reconstruction, batch {batch}");
                Close(scored["reconstruction_error"], error, $"{kind}/{architecture} reconstruction error, batch {batch}");
                using var score = TorchScore(model, xt, ct);
                if (vae is not null) Close(scored["negative_elbo"], score, $"{kind}/{architecture} negative ELBO, batch {batch}");
                else Assert.False(scored.ContainsKey("negative_elbo"));
                Close(scored["score"], score, $"{kind}/{architecture} score, batch {batch}");
                using (var contributions = TorchContributions(model, xt, ct, reconstruction))
                    Close(scored["contributions"], contributions, $"{kind}/{architecture} contributions, batch {batch}");
                // Each feature's share: they add up to the score (reconstruction error), or to the score less the KL (negative ELBO).
                for (var i = 0; i < batch; i++) {
                    var sum = scored["contributions"].AsSpan(i * ExportCases.Features, ExportCases.Features).ToArray().Sum();
                    var s = scored["score"][i];
                    if (vae is null) Assert.True(Math.Abs(sum - s) <= 1e-4 * Math.Max(1, Math.Abs(s)), $"{kind}: contributions sum to {sum}, score {s}");
                    else Assert.True(sum <= s + 1e-4 * Math.Max(1, Math.Abs(s)), $"{kind}: contributions sum to {sum}, above the score {s}");
                }

                // score_label is the score and the label side by side.
                for (var i = 0; i < batch; i++)
                    Assert.Equal((scored["score"][i], scored["label"][i]), (scored["score_label"][2 * i], scored["score_label"][2 * i + 1]));
                var torchScores = OnnxRun.Values(score);
                for (var i = 0; i < batch; i++) {
                    if (Math.Abs(torchScores[i] - threshold) < 1e-4 * Math.Max(1, Math.Abs(threshold))) continue; // too close to call
                    Assert.Equal(torchScores[i] > threshold ? 1f : 0f, scored["label"][i]);
                }
            }
        }

        static double MedianScore(EncodingModel model)
        {
            using var x = tensor(ExportCases.Rows(new Random(99), 64, ExportCases.Features), 64, ExportCases.Features);
            using var c = model.ConditionSize > 0 ? tensor(ExportCases.Rows(new Random(98), 64, (int)model.ConditionSize), 64, model.ConditionSize) : null;
            using var score = TorchScore(model, x, c);
            var scores = OnnxRun.Values(score);
            Array.Sort(scores);
            return scores[scores.Length / 2];
        }

        /// <summary>The anomaly score as torch computes it: the negative ELBO (VAE family) or the per-row MSE.</summary>
        static Tensor TorchScore(EncodingModel model, Tensor x, Tensor? c)
        {
            if (model is VariationalAutoencoder vae) return vae.NegativeElbo(x, c);
            using var reconstruction = model.Reconstruct(x, c);
            return ReconstructionError(x, reconstruction);
        }

        /// <summary>Per feature: (x - r)^2 / D for plain autoencoders; -log p(x_i | z = mu) for the VAE family.</summary>
        static Tensor TorchContributions(EncodingModel model, Tensor x, Tensor? c, Tensor reconstruction)
        {
            using var scope = NewDisposeScope();
            if (model is not VariationalAutoencoder vae) return ((x - reconstruction).square() / x.shape[1]).MoveToOuterDisposeScope();
            var output = vae.DecodeParameters(vae.Encode(x, c), c);
            var logvar = vae.ObservationLogVariance();
            var perFeature = logvar is null
                ? nn.functional.softplus(output) - x * output
                : 0.5 * ((x - output).square() * (-logvar).exp() + logvar + Math.Log(2 * Math.PI));
            return perFeature.MoveToOuterDisposeScope();
        }

        static Tensor ReconstructionError(Tensor x, Tensor reconstruction)
        {
            using var diff = x - reconstruction;
            using var squared = diff.square();
            return squared.mean(new long[] { 1 });
        }

        static void Close(float[] onnx, Tensor expected, string what)
        {
            var error = OnnxRun.RelativeError(onnx, OnnxRun.Values(expected));
            Assert.True(error <= Tolerance, $"{what}: ONNX differs from torch by {error:E2} of the output's scale (limit {Tolerance:E0}).");
        }
    }
}

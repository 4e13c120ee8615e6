using System;
using System.Linq;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Onnx;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Export
{
    /// <summary>
    /// What the parity test of every kind does not cover: the VQ encoder's code indices, the VQ sampler drawing from the
    /// empirical code prior, and the GAN's graphs (generator and discriminator score, no encoder).
    /// </summary>
    [Trait("Category", "EndToEnd")]
    public class AdversarialAndQuantizedExportTests
    {
        [Theory]
        [InlineData("vq", "mlp")]
        [InlineData("rvq", "mlp")]
        [InlineData("rvq", "conv")]
        public void The_encoder_gives_the_code_indices_per_stage_as_torch_picks_them(string kind, string architecture)
        {
            using var model = (VectorQuantizedAutoencoder)ExportCases.Trained(kind, architecture);
            using var _ = no_grad();
            var exported = OnnxExporter.Export(model);
            using var encoder = new InferenceSession(exported.Encoder);
            Assert.Equal(model.Stages, encoder.OutputMetadata["code_indices"].Dimensions[1]);
            var x = ExportCases.Rows(new Random(5), 300, ExportCases.Features);
            using var xt = tensor(x, 300, ExportCases.Features);
            var (quantized, indices) = model.Quantize(xt);
            using (quantized)
            using (indices) {
                var onnx = OnnxRun.Floats(encoder, ("x", x, ExportCases.Features));
                var expected = indices.to(ScalarType.Float32).data<float>().ToArray();
                Assert.Equal(expected, onnx["code_indices"]);
                Assert.True(OnnxRun.RelativeError(onnx["code"], OnnxRun.Values(quantized)) <= 1e-5);
                // The code is the sum of one codebook vector per stage.
                for (var s = 0; s < model.Stages; s++)
                    Assert.All(expected.Where((_, i) => i % model.Stages == s), v => Assert.InRange(v, 0, model.CodebookSize - 1));
            }
        }

        [Fact]
        public void The_vq_sampler_draws_code_combinations_by_their_training_share()
        {
            using var model = (VectorQuantizedAutoencoder)ExportCases.Trained("rvq", "mlp");
            using var _ = no_grad();
            var prior = model.CodePrior!;
            Assert.Equal(1.0, prior.Shares.Sum(), 9);
            var exported = OnnxExporter.Export(model, new OnnxExportOptions { SamplerNoiseWidth = 4 });
            using var sampler = new InferenceSession(exported.Sampler!);
            const int n = 4000;
            var r = new Random(8);
            var noise = Enumerable.Range(0, n * 4).Select(_ => (float)Support.Synthetic.Gaussian(r)).ToArray();
            var rows = OnnxRun.Floats(sampler, ("noise", noise, 4L))["reconstruction"];
            // Every sample is the decoding of one combination's vector; count which.
            var d = (int)model.LatentSize;
            using var vectors = tensor(prior.Vectors, prior.Shares.Count, d);
            using var decoded = model.Decode(vectors);
            var candidates = OnnxRun.Values(decoded);
            var counts = new int[prior.Shares.Count];
            for (var i = 0; i < n; i++) {
                var row = rows.AsSpan(i * ExportCases.Features, ExportCases.Features).ToArray();
                var match = Enumerable.Range(0, prior.Shares.Count).MinBy(k => Distance(row, candidates.AsSpan(k * ExportCases.Features, ExportCases.Features).ToArray()));
                Assert.True(Distance(row, candidates.AsSpan(match * ExportCases.Features, ExportCases.Features)) < 1e-8, $"sample {i} decodes no code combination");
                counts[match]++;
            }
            for (var k = 0; k < counts.Length; k++) {
                var expected = prior.Shares[k] * n;
                Assert.True(Math.Abs(counts[k] - expected) <= 5 * Math.Sqrt(expected + 1), $"combination {k}: {counts[k]} draws, expected {expected:F0}");
            }
        }

        /// <summary>
        /// Each sample of a mixture-prior AAE is the decoding of centre[k] + sd * noise[1..L]; k is picked by noise[0]
        /// (so it never falls as noise[0] rises), and each component gets its share.
        /// </summary>
        [Fact]
        public void The_aae_sampler_draws_from_its_mixture_prior_as_torch_does()
        {
            using var model = (AdversarialAutoencoder)ExportCases.Trained("aae-mixture", "mlp");
            using var _ = no_grad();
            var prior = model.Prior;
            var (k, d, width) = (prior.Components, (int)model.LatentSize, (int)model.LatentSize + 1);
            var exported = OnnxExporter.Export(model, new OnnxExportOptions { SamplerNoiseWidth = width });
            using var sampler = new InferenceSession(exported.Sampler!);
            const int n = 3000;
            var r = new Random(9);
            var noise = Enumerable.Range(0, n * width).Select(_ => (float)Support.Synthetic.Gaussian(r)).ToArray();
            var rows = OnnxRun.Floats(sampler, ("noise", noise, (long)width))["reconstruction"];
            // The candidates for each row: its noise around every centre, decoded by torch.
            var z = new float[n * k * d];
            for (var i = 0; i < n; i++)
                for (var c = 0; c < k; c++)
                    for (var j = 0; j < d; j++)
                        z[(i * k + c) * d + j] = prior.Centres[c * d + j] + (float)prior.ComponentStd * noise[i * width + 1 + j];
            using var zt = tensor(z, n * k, d);
            using var decoded = model.Decode(zt);
            var candidates = OnnxRun.Values(decoded);
            var f = ExportCases.Features;
            var picked = new int[n];
            for (var i = 0; i < n; i++) {
                var row = rows.AsSpan(i * f, f).ToArray();
                picked[i] = Enumerable.Range(0, k).MinBy(c => Distance(row, candidates.AsSpan((i * k + c) * f, f)));
                var scale = Math.Max(1, Math.Sqrt(Distance(candidates.AsSpan((i * k + picked[i]) * f, f), new float[f])));
                Assert.True(Math.Sqrt(Distance(row, candidates.AsSpan((i * k + picked[i]) * f, f))) <= 1e-5 * scale, $"sample {i} is no component's decoding");
            }
            var order = Enumerable.Range(0, n).OrderBy(i => noise[i * width]).Select(i => picked[i]).ToArray();
            Assert.True(order.Zip(order.Skip(1)).All(p => p.First <= p.Second), "the component does not rise with the first noise value");
            var counts = Enumerable.Range(0, k).Select(c => picked.Count(p => p == c)).ToArray();
            Assert.All(counts, c => Assert.InRange(c, n / k - 5 * Math.Sqrt(n / k), n / k + 5 * Math.Sqrt(n / k)));
            Assert.Equal("6", exported.Metadata["prior_components"]);
        }

        [Fact]
        public void Sampling_a_vq_model_without_its_code_prior_is_refused_with_the_fix()
        {
            using var model = new VectorQuantizedAutoencoder(ExportCases.Features, ExportCases.Latent, 8);
            var e = Assert.Throws<InvalidOperationException>(() => OnnxExporter.Export(model, new OnnxExportOptions { SamplerNoiseWidth = 4 }));
            Assert.Contains("FitCodePrior", e.Message);
        }

        [Theory]
        [InlineData("mlp")]
        [InlineData("conv")]
        public void The_gan_exports_its_generator_and_its_discriminator_score_and_no_encoder(string architecture)
        {
            using var model = (GenerativeAdversarialNetwork)ExportCases.Trained("gan", architecture);
            using var _ = no_grad();
            var exported = OnnxExporter.Export(model, new OnnxExportOptions { AnomalyThreshold = 0, SamplerNoiseWidth = 5 });
            Assert.Null(exported.Encoder);
            using var decoder = new InferenceSession(exported.Decoder);
            using var scorer = new InferenceSession(exported.Scorer);
            using var sampler = new InferenceSession(exported.Sampler!);
            Assert.Equal(new[] { "score", "label", "score_label" }.OrderBy(n => n), scorer.OutputNames.OrderBy(n => n));
            var r = new Random(2);
            foreach (var batch in new[] { 1, 7, 256 }) {
                var x = ExportCases.Rows(r, batch, ExportCases.Features);
                using var xt = tensor(x, batch, ExportCases.Features);
                using var score = model.Unrealness(xt);
                var scored = OnnxRun.Floats(scorer, ("x", x, ExportCases.Features));
                Assert.True(OnnxRun.RelativeError(scored["score"], OnnxRun.Values(score)) <= 1e-5);
                Assert.Equal(scored["score"].Select(s => s > 0 ? 1f : 0f), scored["label"]);

                var noise = Enumerable.Range(0, batch * 5).Select(_ => (float)Support.Synthetic.Gaussian(r)).ToArray();
                using var z = tensor(noise, batch, 5L)[.., ..(int)ExportCases.Latent];
                using var generated = model.Generate(z);
                Assert.True(OnnxRun.RelativeError(OnnxRun.Floats(sampler, ("noise", noise, 5L))["reconstruction"], OnnxRun.Values(generated)) <= 1e-5);
                var zOnly = OnnxRun.Values(z);
                Assert.True(OnnxRun.RelativeError(OnnxRun.Floats(decoder, ("z", zOnly, (long)ExportCases.Latent))["reconstruction"], OnnxRun.Values(generated)) <= 1e-5);
            }
        }

        [Fact]
        public void A_gan_refuses_the_scores_and_ensembles_it_cannot_give()
        {
            using var model = new GenerativeAdversarialNetwork(ExportCases.Features, ExportCases.Latent);
            Assert.Contains("does not reconstruct", Assert.Throws<ArgumentException>(() =>
                OnnxExporter.Export(model, new OnnxExportOptions { Score = AnomalyScoreKind.ReconstructionError })).Message);
            Assert.Throws<ArgumentException>(() => OnnxExporter.ExportEnsemble(new GenerativeModel[] { model, model },
                new[] { new ScoreNormalization(0, 1), new ScoreNormalization(0, 1) }));
            // It says what it can do, and has no Encode or Reconstruct to call (it is no EncodingModel).
            Assert.Equal(ModelCapabilities.Sample | ModelCapabilities.Score, model.Capabilities);
            Assert.IsNotAssignableFrom<EncodingModel>(model);
            Assert.Null(OnnxExporter.Export(model).Encoder);
        }

        static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            double sum = 0;
            for (var i = 0; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
            return sum;
        }
    }
}

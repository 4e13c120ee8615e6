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
    /// <summary>A model trained on scaled rows, exported with its scaling, takes and gives the data's own units.</summary>
    public class ScaledExportTests
    {
        const int D = 6, Latent = 2, Batch = 9;

        [Fact]
        public void Graphs_scale_inputs_in_and_reconstructions_back_out()
        {
            manual_seed(21);
            using var model = new VariationalAutoencoder(D, Latent);
            model.eval();
            var r = new Random(4);
            var raw = TrainingData.FromMatrix(Enumerable.Range(0, 50 * D).Select(i => (float)(100 + 30 * (i % D) + 5 * Support.Synthetic.Gaussian(r))).ToArray(), D);
            var scaling = FeatureScaling.Fit(raw, ScalingKind.Robust);
            var exported = OnnxExporter.Export(model, new OnnxExportOptions { Scaling = scaling, SamplerNoiseWidth = Latent });
            Assert.True(exported.Metadata.ContainsKey("feature_scaling"));

            var x = raw.Features[..(Batch * D)];
            var scaledX = scaling.Apply(TrainingData.FromMatrix(x, D)).Features;
            using var xs = tensor(scaledX, Batch, D);
            using var center = tensor(scaling.Center);
            using var scale = tensor(scaling.Scale);
            using var _ = no_grad();

            using (var encoder = new InferenceSession(exported.Encoder)) {
                var (mu, logvar) = model.EncodeDistribution(xs);
                using (mu) using (logvar)
                    Close(OnnxRun.Floats(encoder, ("x", x, D))["mu"], mu, "mu of the scaled rows");
            }
            using (var scorer = new InferenceSession(exported.Scorer)) {
                var scored = OnnxRun.Floats(scorer, ("x", x, D));
                using var elbo = model.NegativeElbo(xs);
                Close(scored["score"], elbo, "the score is measured in the scaled units");
                using var reconstruction = model.Reconstruct(xs);
                using var unscaled = reconstruction * scale + center;
                Close(scored["reconstruction"], unscaled, "the reconstruction is in the data's units");
            }
            var z = Enumerable.Range(0, Batch * Latent).Select(_ => (float)Support.Synthetic.Gaussian(r)).ToArray();
            using var zt = tensor(z, Batch, Latent);
            using var decoded = model.Decode(zt);
            using var expected = decoded * scale + center;
            using (var decoder = new InferenceSession(exported.Decoder))
                Close(OnnxRun.Floats(decoder, ("z", z, Latent))["reconstruction"], expected, "decoder");
            using (var sampler = new InferenceSession(exported.Sampler!))
                Close(OnnxRun.Floats(sampler, ("noise", z, Latent))["reconstruction"], expected, "sampler");
        }

        [Fact]
        public void A_scaling_of_another_width_is_refused()
        {
            using var model = new VariationalAutoencoder(D, Latent);
            var scaling = FeatureScaling.Fit(TrainingData.FromMatrix(new float[] { 1, 2, 3, 4 }, 2), ScalingKind.Standard);
            var e = Assert.Throws<ArgumentException>(() => OnnxExporter.Export(model, new OnnxExportOptions { Scaling = scaling }));
            Assert.Equal("Scaling", e.ParamName);
        }

        static void Close(float[] onnx, Tensor expected, string what)
        {
            var error = OnnxRun.RelativeError(onnx, OnnxRun.Values(expected));
            Assert.True(error <= 1e-5, $"{what}: relative error {error}");
        }
    }
}

using System;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Onnx;
using Generative.ML.Training.Optimization;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Export
{
    /// <summary>A VAE trained with the neighbourhood term exports the plain VAE's encoder graph, and it gives torch's codes.</summary>
    [Trait("Category", "EndToEnd")]
    public class NeighbourhoodExportTests
    {
        [Fact]
        public void A_vae_trained_with_the_neighbourhood_term_exports_an_encoder_that_gives_torchs_codes()
        {
            var r = new Random(5);
            var rows = Enumerable.Range(0, 300).SelectMany(i => Enumerable.Range(0, 6).Select(j => (float)((i % 3) * 2 + r.NextDouble()))).ToArray();
            var data = TrainingData.FromMatrix(rows, 6);
            using var model = new VariationalAutoencoder(6, 2, new MlpArchitecture { HiddenSizes = new long[] { 32, 16 } });
            model.UseNeighbourhood(data, weight: 30, perplexity: 20, seed: 1);
            var history = new Trainer(new TrainerOptions { Epochs = 20, Seed = 1 }).Fit(model, data);
            // The term is trained (it is among the parts of every epoch) and falls.
            var first = history.Epochs[0].Parts["neighbourhood"];
            var last = history.Epochs[^1].Parts["neighbourhood"];
            Assert.True(last < first, $"The neighbourhood term went from {first} to {last}.");

            var exported = OnnxExporter.Export(model, new OnnxExportOptions());
            using var encoder = new InferenceSession(exported.Encoder);
            Assert.Equal(new[] { "mu", "logvar" }, encoder.OutputNames.ToArray());
            using var _ = no_grad();
            var x = rows[..(64 * 6)];
            using var xt = tensor(x, 64, 6);
            using var mu = model.Encode(xt);
            var onnx = OnnxRun.Floats(encoder, ("x", x, 6L))["mu"];
            var torchCodes = OnnxRun.Values(mu);
            for (var i = 0; i < onnx.Length; i++) Assert.Equal(torchCodes[i], onnx[i], 4);
        }
    }
}

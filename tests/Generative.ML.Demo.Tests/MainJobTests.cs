using System;
using System.IO;
using System.Linq;
using SkiaSharp;

namespace Generative.ML.Demo.Tests
{
    /// <summary>Slow: the main job with fewer epochs writes every file, the PNGs decode, and the model is useful.</summary>
    [Trait("Category", "EndToEnd")]
    public class MainJobTests : IDisposable
    {
        readonly string _dir = Path.Combine(Path.GetTempPath(), $"gml-demo-{Guid.NewGuid():N}");

        public void Dispose()
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        }

        [Fact]
        public void ReducedRunWritesItsFilesAndDetectsTheHeldOutDigit()
        {
            var result = MainJob.Run(epochs: 60, _dir);
            var expected = new[] { "model.zip", "encoder.onnx", "decoder.onnx", "scorer.onnx", "sampler.onnx",
                                   "loss.png", "latent.png", "samples.png", "reconstructions.png", "interpolation.png", "scores.png" };
            Assert.Equal(expected, result.Files.Select(Path.GetFileName));
            foreach (var file in result.Files) Assert.True(new FileInfo(file).Length > 1000, $"{file} is missing or nearly empty");
            foreach (var png in result.Files.Where(f => f.EndsWith(".png"))) {
                using var image = SKBitmap.Decode(png);
                Assert.NotNull(image);
                Assert.True(image.Width >= 300 && image.Height >= 200, $"{png} is {image.Width}x{image.Height}");
            }
            Assert.True(result.Auc >= 0.75, $"AUC {result.Auc:F3}");
            // The importance-weighted bound is a log-likelihood: negative, and near the negative ELBO's scale.
            Assert.InRange(result.HeldOutIwaeLogLikelihood, -2 * result.HeldOutNegativeElbo, 0);
            Assert.InRange(result.ReconstructionError, 0, 0.1);
        }
    }
}

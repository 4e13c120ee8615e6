using System;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using Generative.ML.Training.Tests.Support;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Quality
{
    /// <summary>Slow: a denoising autoencoder must undo masking better than a plain one of the same size.</summary>
    [Trait("Category", "EndToEnd")]
    public class DenoisingTests(ITestOutputHelper output)
    {
        [Fact]
        public void DenoisingAutoencoderReconstructsMaskedInputsBetterThanAPlainOne()
        {
            // Rows on a curved 3-dimensional manifold in R^20; the code has room (8) to copy inputs through.
            const int dim = 20, rows = 3000, heldOut = 500;
            var r = new Random(12);
            var a = Synthetic.GaussianMatrix(r, dim, 3);
            float[] Make(int n) => Synthetic.CurvedManifold(r, n, a);
            var data = TrainingData.FromMatrix(Make(rows), dim);
            var clean = Make(heldOut);
            var mask = Enumerable.Range(0, clean.Length).Select(_ => r.NextDouble() < 0.3 ? 0f : 1f).ToArray();
            var masked = clean.Zip(mask, (v, m) => v * m).ToArray();

            var arch = new MlpArchitecture { HiddenSizes = new long[] { 64 } };
            var options = new TrainerOptions { Epochs = 40, BatchSize = 100, LearningRate = 3e-3, Seed = 3 };
            double MaskedError(Autoencoder model)
            {
                new Trainer(options).Fit(model, data);
                using var _ = no_grad();
                using var xm = tensor(masked, new long[] { heldOut, dim });
                using var xc = tensor(clean, new long[] { heldOut, dim });
                using var rec = model.Reconstruct(xm);
                using var err = nn.functional.mse_loss(rec, xc);
                return err.ToDouble();
            }
            manual_seed(4);
            using var plain = new Autoencoder(dim, 8, arch);
            manual_seed(4);
            using var denoising = new DenoisingAutoencoder(dim, 8, maskingProbability: 0.3, architecture: arch);
            var (plainError, denoisingError) = (MaskedError(plain), MaskedError(denoising));
            output.WriteLine($"held-out MSE against clean rows from 30%-masked inputs: plain {plainError:F4}, denoising {denoisingError:F4}");
            Assert.True(denoisingError < plainError, $"denoising {denoisingError:F4} must beat plain {plainError:F4}");
        }
    }
}

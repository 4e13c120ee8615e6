using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Quality
{
    /// <summary>
    /// Slow: on the 8x8 digits, the VAE-GAN's samples are sharper than the plain VAE's, by gradient energy (the mean
    /// squared difference between neighbouring pixels, which blur lowers), and its held-out reconstructions are no more
    /// than 25% worse in mean squared error: the adversarial term may trade a little fidelity for sharpness, not more.
    /// </summary>
    [Trait("Category", "EndToEnd")]
    [Trait("Speed", "Slow")]
    public class VaeGanTests(ITestOutputHelper output)
    {
        const int Side = 8, Pixels = Side * Side;

        [Fact]
        public void Vae_gan_samples_are_sharper_than_the_vae_s_without_worse_held_out_reconstruction()
        {
            var images = Digits();
            var train = TrainingData.FromMatrix(images[..(1400 * Pixels)], Pixels);
            var heldOut = images[(1400 * Pixels)..];
            var architecture = new MlpArchitecture { HiddenSizes = new long[] { 256, 128 }, Activation = Activation.LeakyReLU };
            var vaeOptions = new VaeOptions { Likelihood = Likelihood.Bernoulli };
            var options = new TrainerOptions { Epochs = 100, BatchSize = 64, LearningRate = 1e-3, Seed = 4 };

            using var vae = new VariationalAutoencoder(Pixels, 8, architecture, vaeOptions);
            new Trainer(options).Fit(vae, train);
            using var vaeGan = new VaeGan(Pixels, 8, architecture, vaeOptions, adversarialWeight: 0.1);
            new Trainer(options).Fit(vaeGan, train);

            using var _ = no_grad();
            using var x = tensor(heldOut, heldOut.Length / Pixels, Pixels);
            double Error(VariationalAutoencoder m)
            {
                using var r = m.Reconstruct(x);
                return (r - x).square().mean().item<float>();
            }
            double Sharpness(VariationalAutoencoder m)
            {
                manual_seed(3);
                using var samples = m.Sample(1000);
                return GradientEnergy(samples);
            }
            var (vaeError, ganError) = (Error(vae), Error(vaeGan));
            var (vaeSharp, ganSharp, dataSharp) = (Sharpness(vae), Sharpness(vaeGan), GradientEnergy(x));
            output.WriteLine($"gradient energy of samples: VAE {vaeSharp:F4}, VAE-GAN {ganSharp:F4}, held-out data {dataSharp:F4}; " +
                             $"held-out reconstruction MSE: VAE {vaeError:F4}, VAE-GAN {ganError:F4}");
            Assert.True(ganSharp > vaeSharp, $"VAE-GAN samples' gradient energy {ganSharp:F4} is not above the VAE's {vaeSharp:F4}");
            Assert.True(ganError <= 1.25 * vaeError, $"VAE-GAN held-out MSE {ganError:F4} is over 1.25 x the VAE's {vaeError:F4}");
        }

        /// <summary>Mean over images of the mean squared difference between horizontally and vertically neighbouring pixels.</summary>
        static double GradientEnergy(Tensor images)
        {
            using var scope = NewDisposeScope();
            var grid = images.reshape(-1, Side, Side);
            var dx = grid[.., .., 1..] - grid[.., .., ..^1];
            var dy = grid[.., 1.., ..] - grid[.., ..^1, ..];
            return (0.5 * (dx.square().mean() + dy.square().mean())).item<float>();
        }

        /// <summary>The 1,797 digits, pixels scaled from 0..16 to [0, 1], in file order.</summary>
        static float[] Digits()
        {
            using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv.gz"));
            using var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress));
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(line => line.Split(',').Take(Pixels).Select(v => float.Parse(v) / 16f)).ToArray();
        }
    }
}

using System;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using Generative.ML.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Quality
{
    /// <summary>
    /// Slow: on probabilistic-PCA data log p(x) is known in closed form, N(x; b, W W^T + sigma^2 I). A VAE with a
    /// linear decoder can represent that model exactly, so its IWAE estimate must come close to the true value.
    /// </summary>
    [Trait("Category", "EndToEnd")]
    public class PpcaEvidenceTests(ITestOutputHelper output)
    {
        [Fact]
        public void IwaeEstimateOfAHeldOutLogLikelihoodIsWithinHalfANatOfTheTruthAndAboveTheElbo()
        {
            const int dim = 6, latent = 2;
            const double sigma = 0.4;
            var r = new Random(5);
            var w = Synthetic.GaussianMatrix(r, dim, latent);
            var b = Enumerable.Range(0, dim).Select(i => 0.5 * i - 1).ToArray();
            var train = Synthetic.Ppca(r, 4000, w, b, sigma);
            var test = Synthetic.Ppca(r, 500, w, b, sigma);

            var cov = new double[dim, dim];
            for (var i = 0; i < dim; i++)
                for (var j = 0; j < dim; j++) {
                    for (var k = 0; k < latent; k++) cov[i, j] += w[i, k] * w[j, k];
                    if (i == j) cov[i, j] += sigma * sigma;
                }
            var truth = LinearAlgebra.GaussianLogDensity(test, b, cov).Average();

            manual_seed(3);
            var linear = new MlpArchitecture { HiddenSizes = Array.Empty<long>(), Activation = Activation.Identity };
            using var vae = new VariationalAutoencoder(dim, latent, linear);
            new Trainer(new TrainerOptions {
                Epochs = 60, BatchSize = 100, LearningRate = 1e-2, Seed = 4, LearningRateSchedule = LearningRateSchedule.Cosine(0.05),
            }).Fit(vae, TrainingData.FromMatrix(train, dim));

            using var x = tensor(test, new long[] { 500, dim });
            manual_seed(6);
            var iwae = Evidence.LogLikelihood(vae, x, samples: 1000).Average();
            var elbo = Evidence.Elbo(vae, x, samples: 1000).Average();
            output.WriteLine($"true log p(x) {truth:F4}, IWAE(k=1000) {iwae:F4}, ELBO {elbo:F4} nats per row");
            Assert.True(Math.Abs(iwae - truth) < 0.5, $"IWAE estimate {iwae:F4} is {Math.Abs(iwae - truth):F4} nats from the true {truth:F4}.");
            Assert.True(iwae > elbo, $"IWAE estimate {iwae:F4} must exceed the ELBO {elbo:F4}.");
        }
    }
}

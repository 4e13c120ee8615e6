using System;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Objectives;
using Generative.ML.Training.Optimization;
using Generative.ML.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Quality
{
    /// <summary>Slow: the two ends of beta. 0 leaves an autoencoder; a large beta collapses the posterior onto the prior.</summary>
    [Trait("Category", "EndToEnd")]
    public class BetaTests(ITestOutputHelper output)
    {
        static readonly MlpArchitecture Arch = new() { HiddenSizes = new long[] { 32 } };

        static TrainingData Data()
        {
            var r = new Random(17);
            var w = Synthetic.GaussianMatrix(r, 10, 2);
            return TrainingData.FromMatrix(Synthetic.Ppca(r, 2000, w, new double[10], 0.05), 10);
        }

        static (double mse, double kl) Train(double beta, TrainingData data, Func<VariationalAutoencoder>? make = null)
        {
            manual_seed(8);
            using var vae = make?.Invoke() ?? new VariationalAutoencoder(10, 2, Arch, new VaeOptions {
                Likelihood = Likelihood.GaussianFixedVariance, ObservationVariance = 0.01, Beta = BetaSchedule.Constant(beta),
            });
            var history = new Trainer(new TrainerOptions { Epochs = 30, BatchSize = 100, LearningRate = 3e-3, Seed = 2 }).Fit(vae, data);
            using var _ = no_grad();
            using var x = tensor(data.Features, new long[] { data.RowCount, data.FeatureCount });
            using var rec = vae.Reconstruct(x);
            using var mse = nn.functional.mse_loss(rec, x);
            return (mse.ToDouble(), history.Epochs[^1].Parts["kl"]);
        }

        [Fact]
        public void BetaZeroReconstructsLikeAnAutoencoderWithAnUnconstrainedCode()
        {
            var data = Data();
            var (mse, kl) = Train(0, data);
            var (mseOne, klOne) = Train(1, data);
            manual_seed(8);
            using var ae = new Autoencoder(10, 2, Arch);
            new Trainer(new TrainerOptions { Epochs = 30, BatchSize = 100, LearningRate = 3e-3, Seed = 2 }).Fit(ae, data);
            double aeMse;
            using (no_grad())
            using (var x = tensor(data.Features, new long[] { data.RowCount, data.FeatureCount }))
            using (var rec = ae.Reconstruct(x))
            using (var err = nn.functional.mse_loss(rec, x)) aeMse = err.ToDouble();
            var variance = Synthetic.Covariance(data.Features, 10) is var cov ? Enumerable.Range(0, 10).Average(i => cov[i, i]) : 0;
            output.WriteLine($"beta 0: MSE {mse:F4}, KL {kl:F1} nats; beta 1: MSE {mseOne:F4}, KL {klOne:F1}; autoencoder MSE {aeMse:F4}; data variance {variance:F3}");
            // Like an autoencoder: reconstruction far below the data's variance, within a small factor of the AE's,
            // and a code that pays no attention to the prior (KL above beta = 1's).
            Assert.True(mse < variance / 20, $"beta = 0 MSE {mse:F4} vs variance {variance:F4}");
            Assert.True(mse < 3 * aeMse + 1e-3, $"beta = 0 MSE {mse:F4} vs autoencoder {aeMse:F4}");
            Assert.True(kl > klOne, $"beta = 0 KL {kl:F1} should exceed beta = 1 KL {klOne:F1}");
        }

        [Fact]
        public void LargeBetaCollapsesThePosteriorOntoThePrior()
        {
            var data = Data();
            var (mse, kl) = Train(5000, data);
            var variance = Synthetic.Covariance(data.Features, 10) is var cov ? Enumerable.Range(0, 10).Average(i => cov[i, i]) : 0;
            output.WriteLine($"beta 5000: KL {kl:F4} nats per row, MSE {mse:F4} vs data variance {variance:F4} (posterior collapse)");
            Assert.True(kl < 0.05, $"KL {kl:F4} nats should have collapsed toward 0.");
            Assert.True(mse > 0.8 * variance, $"with a collapsed code the reconstruction ({mse:F4}) can only predict the mean (variance {variance:F4}).");
        }
    }
}

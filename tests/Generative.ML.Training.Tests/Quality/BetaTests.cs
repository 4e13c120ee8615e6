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
            var history = new Trainer(Options).Fit(vae, data);
            return (ReconstructionMse(vae, data), history.Epochs[^1].Parts["kl"]);
        }

        static readonly TrainerOptions Options = new() { Epochs = 30, BatchSize = 100, LearningRate = 3e-3, Seed = 2 };

        static double ReconstructionMse(EncodingModel model, TrainingData data)
        {
            using var _ = no_grad();
            using var x = tensor(data.Features, new long[] { data.RowCount, data.FeatureCount });
            using var rec = model.Reconstruct(x);
            using var mse = nn.functional.mse_loss(rec, x);
            return mse.ToDouble();
        }

        /// <summary>The mean per-feature variance: the MSE of predicting every row by the mean row.</summary>
        static double MeanVariance(TrainingData data)
        {
            var cov = Synthetic.Covariance(data.Features, data.FeatureCount);
            return Enumerable.Range(0, data.FeatureCount).Average(i => cov[i, i]);
        }

        [Fact]
        public void BetaZeroReconstructsLikeAnAutoencoderWithAnUnconstrainedCode()
        {
            var data = Data();
            var (mse, kl) = Train(0, data);
            var (mseOne, klOne) = Train(1, data);
            manual_seed(8);
            using var ae = new Autoencoder(10, 2, Arch);
            new Trainer(Options).Fit(ae, data);
            var aeMse = ReconstructionMse(ae, data);
            var variance = MeanVariance(data);
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
            var variance = MeanVariance(data);
            output.WriteLine($"beta 5000: KL {kl:F4} nats per row, MSE {mse:F4} vs data variance {variance:F4} (posterior collapse)");
            Assert.True(kl < 0.05, $"KL {kl:F4} nats should have collapsed toward 0.");
            Assert.True(mse > 0.8 * variance, $"with a collapsed code the reconstruction ({mse:F4}) can only predict the mean (variance {variance:F4}).");
        }
    }
}

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
    /// Slow: the GAN and the adversarial autoencoder on the ring of 8 Gaussians (radius 2, standard deviation 0.1, so
    /// neighbouring modes are 15 standard deviations apart). A sample is on a mode when it lies within 3 standard
    /// deviations of its centre, where 98.9% of the ring's own rows lie; a mode is covered when at least 2% of the
    /// samples (a sixth of its fair share) are on it.
    /// </summary>
    [Trait("Category", "EndToEnd")]
    public class AdversarialTests(ITestOutputHelper output)
    {
        const double Radius = 2, Std = 0.1;
        const int Rows = 4000, Samples = 2500;

        static TrainingData Ring(int seed) => TrainingData.FromMatrix(Synthetic.Ring(new Random(seed), Rows, Radius, Std), 2);

        static MlpArchitecture Networks => new() { HiddenSizes = new long[] { 128, 128 }, Activation = Activation.LeakyReLU };

        // The adversarial game settles as the learning rate anneals.
        static TrainerOptions Options(int epochs, int seed) =>
            new() { Epochs = epochs, BatchSize = 128, LearningRate = 1e-3, LearningRateSchedule = LearningRateSchedule.Cosine(0.05), Seed = seed };

        [Fact]
        public void The_gan_covers_at_least_7_of_the_8_modes_with_fewer_than_10_percent_of_samples_off_mode()
        {
            using var model = new GenerativeAdversarialNetwork(2, 2, Networks);
            var history = new Trainer(Options(200, 1)).Fit(model, Ring(1));
            Assert.All(history.Epochs, e => Assert.Equal(new[] { "discriminator", "generator" }, e.Parts.Keys.OrderBy(k => k)));
            using var _ = no_grad();
            manual_seed(7);
            using var samples = model.Sample(Samples);
            var (covered, offMode) = ModeCoverage(samples.data<float>().ToArray());
            output.WriteLine($"GAN: {covered}/8 modes covered, {offMode:P1} of samples off-mode");
            Assert.True(covered >= 7, $"only {covered} of 8 modes covered");
            Assert.True(offMode < 0.10, $"{offMode:P1} of samples off-mode");
        }

        /// <summary>
        /// The AAE covers the modes and pulls its codes towards the prior far more than a plain autoencoder's lie. It
        /// does not reach the sample-quality bar (fewer than 10% off-mode): decoded prior draws that fall
        /// between two clusters' codes decode between their modes. The numbers are printed for the record.
        /// </summary>
        [Fact]
        public void The_adversarial_autoencoder_covers_the_ring_and_its_codes_are_pulled_to_the_prior()
        {
            var data = Ring(2);
            using var model = new AdversarialAutoencoder(2, 2, adversarialWeight: 1, Networks);
            new Trainer(Options(300, 2)).Fit(model, data);
            using var plain = new Autoencoder(2, 2, Networks);
            new Trainer(Options(300, 2)).Fit(plain, data);
            using var _ = no_grad();
            manual_seed(8);
            using var samples = model.Sample(Samples);
            var (covered, offMode) = ModeCoverage(samples.data<float>().ToArray());
            using var x = tensor(Synthetic.Ring(new Random(99), 1000, Radius, Std), 1000, 2);
            // The aggregated posterior: one draw of q(z | x) per held-out row.
            model.train();
            using var codes = model.DrawCode(x);
            model.eval();
            using var plainCodes = plain.Encode(x);
            var (aae, ae) = (Mmd(codes, randn(1000, 2)), Mmd(plainCodes, randn(1000, 2)));
            // What "close" means at this sample size, from the prior alone: two prior samples, and a prior sample
            // against one shifted by a quarter of a standard deviation in every dimension.
            var nulls = Enumerable.Range(0, 20).Select(_ => Mmd(randn(1000, 2), randn(1000, 2))).OrderBy(v => v).ToArray();
            var quarterShift = Mmd(randn(1000, 2), randn(1000, 2) + 0.25);
            output.WriteLine($"AAE: {covered}/8 modes covered, {offMode:P1} of samples off-mode; MMD^2 to the prior: AAE codes {aae:E2}, " +
                             $"plain AE codes {ae:E2}; prior vs prior max of 20 {nulls[^1]:E2}; prior vs prior shifted by 0.25 sd {quarterShift:E2}");
            Assert.True(covered >= 7, $"only {covered} of 8 modes covered");
            Assert.True(aae < ae / 4, $"the AAE's codes (MMD^2 {aae:E2}) are not much nearer the prior than a plain autoencoder's ({ae:E2})");
        }

        /// <summary>Modes with at least 2% of the samples within 3 std of their centre, and the share of samples near no centre.</summary>
        static (int covered, double offMode) ModeCoverage(float[] xy)
        {
            var centres = Synthetic.RingCentres(Radius);
            var counts = new int[8];
            var off = 0;
            var n = xy.Length / 2;
            for (var i = 0; i < n; i++) {
                var d = centres.Select(c => Math.Sqrt(Math.Pow(xy[2 * i] - c.x, 2) + Math.Pow(xy[2 * i + 1] - c.y, 2))).ToArray();
                var k = Array.IndexOf(d, d.Min());
                if (d[k] <= 3 * Std) counts[k]++;
                else off++;
            }
            return (counts.Count(c => c >= 0.02 * n), (double)off / n);
        }

        /// <summary>The unbiased MMD^2 between two samples with a Gaussian kernel of bandwidth 1 (the prior's scale).</summary>
        static double Mmd(Tensor a, Tensor b)
        {
            using var scope = NewDisposeScope();
            Tensor K(Tensor u, Tensor v) => (-0.5 * cdist(u, v).square()).exp();
            var (n, m) = (a.shape[0], b.shape[0]);
            var kaa = (K(a, a).sum() - n) / (n * (n - 1));
            var kbb = (K(b, b).sum() - m) / (m * (m - 1));
            var kab = K(a, b).mean();
            return (kaa + kbb - 2 * kab).item<float>();
        }
    }
}

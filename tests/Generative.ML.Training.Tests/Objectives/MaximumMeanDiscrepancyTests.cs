using System;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Objectives;
using Generative.ML.Training.Optimization;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Objectives
{
    public class MaximumMeanDiscrepancyTests
    {
        [Fact]
        public void Two_samples_of_one_distribution_are_near_zero_and_a_shifted_one_is_far()
        {
            manual_seed(3);
            using var a = randn(500, 4);
            using var b = randn(500, 4);
            using var shifted = randn(500, 4) + 0.5;
            using var same = MaximumMeanDiscrepancy.Squared(a, b);
            using var apart = MaximumMeanDiscrepancy.Squared(a, shifted);
            // The unbiased estimate scatters around 0 for equal distributions; a half-sd shift in 4 dimensions is far
            // outside that scatter.
            Assert.InRange(same.item<float>(), -0.01, 0.01);
            Assert.True(apart.item<float>() > 20 * Math.Abs(same.item<float>()) && apart.item<float>() > 0.05, $"{apart.item<float>()} vs {same.item<float>()}");
        }

        [Fact]
        public void Its_gradient_pulls_the_codes_towards_the_prior_sample()
        {
            manual_seed(4);
            using var codes = (randn(200, 2) + 1).requires_grad_();
            using var prior = randn(200, 2);
            using var loss = MaximumMeanDiscrepancy.Squared(codes, prior);
            loss.backward();
            // Every code is one unit up and right of the prior's centre: the descent direction points back.
            using var meanStep = -codes.grad!.mean(new long[] { 0 });
            Assert.True(meanStep[0].item<float>() < 0 && meanStep[1].item<float>() < 0, "the gradient does not pull the codes back");
        }

        [Fact]
        public void One_row_is_refused()
        {
            using var a = randn(1, 2);
            using var b = randn(5, 2);
            Assert.Contains("two rows", Assert.Throws<ArgumentException>(() => MaximumMeanDiscrepancy.Squared(a, b)).Message);
        }

        [Fact]
        public void An_mmd_matched_adversarial_autoencoder_has_no_discriminator_and_says_so()
        {
            using var model = new AdversarialAutoencoder(6, 2, 10, new MlpArchitecture { HiddenSizes = new long[] { 8 } },
                                                         priorComponents: 4, codeMatching: CodeMatching.MaximumMeanDiscrepancy);
            Assert.Null(model.Adversary);
            Assert.Equal(1.0 / 6, model.Prior.ComponentStd / (2 * 2 * Math.Sin(Math.PI / 4)), 9);
            using var code = randn(3, 2);
            Assert.Contains("MMD", Assert.Throws<InvalidOperationException>(() => model.PriorLogit(code)).Message);
            // The Wasserstein autoencoder's code is deterministic: a draw of q(z | x) is the code itself.
            using var x = randn(5, 6);
            using var drawn = model.DrawCode(x);
            using var encoded = model.Encode(x);
            Assert.Equal(encoded.data<float>().ToArray(), drawn.data<float>().ToArray());
        }

        [Fact]
        public void A_one_row_batch_trains_on_its_reconstruction_alone()
        {
            using var model = new AdversarialAutoencoder(6, 2, 10, new MlpArchitecture { HiddenSizes = new long[] { 8 } },
                                                         codeMatching: CodeMatching.MaximumMeanDiscrepancy);
            // 65 rows in batches of 64: every epoch ends on a batch of one row.
            var r = new Random(1);
            var rows = Enumerable.Range(0, 65 * 6).Select(_ => (float)r.NextDouble()).ToArray();
            var history = new Trainer(new TrainerOptions { Epochs = 3, BatchSize = 64, Seed = 1 }).Fit(model, TrainingData.FromMatrix(rows, 6));
            Assert.All(history.Epochs, e => Assert.All(e.Parts.Values, v => Assert.True(double.IsFinite(v))));
        }
    }
}

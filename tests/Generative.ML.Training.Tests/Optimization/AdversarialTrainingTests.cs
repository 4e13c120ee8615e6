using System;
using System.IO;
using System.Linq;
using System.Threading;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using Generative.ML.Training.Tests.Support;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Optimization
{
    /// <summary>The trainer's second optimizer for adversarial models, and the models whose training draws random numbers of their own.</summary>
    public class AdversarialTrainingTests
    {
        static TrainingData Rows(int rows, int seed) =>
            TrainingData.FromMatrix(Synthetic.Clusters(new Random(seed), rows, 6, 4, spread: 1, noise: 0.2, centreSeed: seed), 6);

        static MlpArchitecture Small => new() { HiddenSizes = new long[] { 16 }, Activation = Activation.LeakyReLU };

        static GenerativeModel Make(string kind) => kind switch {
            "gan" => new GenerativeAdversarialNetwork(6, 2, Small),
            "aae" => new AdversarialAutoencoder(6, 2, architecture: Small),
            "aae-mmd" => new AdversarialAutoencoder(6, 2, 10, Small, priorComponents: 4, codeMatching: CodeMatching.MaximumMeanDiscrepancy),
            "vaegan" => new VaeGan(6, 2, Small, featureMatchingWeight: 0.1),
            "rvq" => new VectorQuantizedAutoencoder(6, 2, codebookSize: 8, stages: 2, architecture: Small),
            _ => throw new ArgumentException(kind),
        };

        [Theory]
        [InlineData("gan", new[] { "discriminator", "generator" })]
        [InlineData("aae", new[] { "discriminator", "generator", "gradient_penalty", "reconstruction" })]
        [InlineData("aae-mmd", new[] { "mmd", "reconstruction" })]
        [InlineData("vaegan", new[] { "discriminator", "feature_matching", "generator", "kl", "reconstruction" })]
        [InlineData("rvq", new[] { "codebook", "commitment", "reconstruction" })]
        public void Every_part_of_every_loss_is_reported_and_both_players_learn(string kind, string[] parts)
        {
            using var model = Make(kind);
            model.InitializeWeights(1);
            var before = Weights.Flat(model);
            var adversaryBefore = model.Adversary is null ? null : Weights.Flat(model.Adversary);
            var progress = new ListProgress<TrainingProgress>();
            var history = new Trainer(new TrainerOptions { Epochs = 2, BatchSize = 50, Seed = 1, KeepModelWeights = true }).Fit(model, Rows(200, 1), progress);
            Assert.All(progress.Reports, p => Assert.Equal(parts, p.Parts.Keys.OrderBy(k => k, StringComparer.Ordinal)));
            Assert.All(history.Epochs, e => Assert.All(e.Parts.Values, v => Assert.True(double.IsFinite(v))));
            Assert.NotEqual(before, Weights.Flat(model));
            if (adversaryBefore is not null) Assert.NotEqual(adversaryBefore, Weights.Flat(model.Adversary!));
        }

        [Theory]
        [InlineData("gan")]
        [InlineData("aae")]
        [InlineData("aae-mmd")]
        [InlineData("vaegan")]
        [InlineData("rvq")]
        public void Same_seed_same_weights_and_a_resumed_run_ends_where_an_uninterrupted_one_does(string kind)
        {
            var data = Rows(300, 2);
            var dir = Path.Combine(Path.GetTempPath(), "gml-adversarial-resume-" + Guid.NewGuid().ToString("N"));
            try {
                TrainerOptions Options(string? checkpoint) => new() { Epochs = 4, BatchSize = 64, Seed = 3, Threads = 2, CheckpointDirectory = checkpoint };
                using var straight = Make(kind);
                new Trainer(Options(null)).Fit(straight, data);
                using var again = Make(kind);
                new Trainer(Options(null)).Fit(again, data);
                Assert.Equal(Weights.Flat(straight), Weights.Flat(again));

                using var cts = new CancellationTokenSource();
                using var interrupted = Make(kind);
                var progress = new ListProgress<TrainingProgress> { OnReport = p => { if (p.Epoch == 3 && p.Batch == 1) cts.Cancel(); } };
                Assert.ThrowsAny<OperationCanceledException>(() => new Trainer(Options(dir)).Fit(interrupted, data, progress, cts.Token));
                using var resumed = Make(kind);
                new Trainer(Options(dir)).Resume(resumed, data);
                Assert.Equal(Weights.Flat(straight), Weights.Flat(resumed));
            } finally {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void A_codebook_set_from_a_one_value_batch_stays_finite()
        {
            // Batches of one row and a one-value code: the spread of the restart noise is taken over a single value.
            using var model = new VectorQuantizedAutoencoder(6, 1, codebookSize: 4, architecture: Small);
            new Trainer(new TrainerOptions { Epochs = 2, BatchSize = 1, Seed = 1 }).Fit(model, Rows(20, 3));
            Assert.All(Weights.Flat(model), v => Assert.True(float.IsFinite(v)));
        }
    }
}

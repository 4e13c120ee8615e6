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
    public class TrainerTests
    {
        static TrainingData LowRank(int rows, int seed)
        {
            var r = new Random(seed);
            var w = Synthetic.GaussianMatrix(r, 8, 2);
            return TrainingData.FromMatrix(Synthetic.Ppca(r, rows, w, new double[8], 0.1), 8);
        }

        // Dropout and the VAE's sampling noise make this the model that uses every source of randomness.
        static VariationalAutoencoder NoisyModel(int seed)
        {
            manual_seed(seed);
            return new VariationalAutoencoder(8, 2, new MlpArchitecture { HiddenSizes = new long[] { 16 }, Dropout = 0.1 });
        }

        [Fact]
        public void SameSeedGivesBitIdenticalWeights()
        {
            var data = LowRank(300, 1);
            var options = new TrainerOptions { Epochs = 3, BatchSize = 64, Seed = 5, Threads = 2, ValidationFraction = 0.2 };
            using var a = NoisyModel(9);
            using var b = NoisyModel(9);
            new Trainer(options).Fit(a, data);
            new Trainer(options).Fit(b, data);
            Assert.Equal(Weights.Flat(a), Weights.Flat(b));
            using var c = NoisyModel(9);
            new Trainer(new TrainerOptions { Epochs = 3, BatchSize = 64, Seed = 6, Threads = 2, ValidationFraction = 0.2 }).Fit(c, data);
            Assert.NotEqual(Weights.Flat(a), Weights.Flat(c));
        }

        [Fact]
        public void ProgressReportsEveryBatchAndEveryEpochAndHistoryKeepsTheEpochs()
        {
            var data = LowRank(250, 2);
            var progress = new ListProgress<TrainingProgress>();
            using var model = NoisyModel(1);
            var history = new Trainer(new TrainerOptions { Epochs = 3, BatchSize = 100, ValidationFraction = 0.2 }).Fit(model, data, progress);
            // 200 training rows in batches of 100: 2 batch reports and 1 epoch report per epoch.
            Assert.Equal(9, progress.Reports.Count);
            Assert.Equal(new[] { false, false, true }, progress.Reports.Take(3).Select(p => p.EpochCompleted));
            var last = progress.Reports[^1];
            Assert.Equal((3, 3, 2, 2), (last.Epoch, last.Epochs, last.Batch, last.Batches));
            Assert.Equal(TimeSpan.Zero, last.EstimatedTimeLeft);
            Assert.True(last.SamplesPerSecond > 0);
            Assert.Contains("reconstruction", last.Parts.Keys);
            Assert.Contains("kl", last.Parts.Keys);
            Assert.Equal(last.Parts["reconstruction"] + last.Parts["kl"], last.Loss, 4);
            Assert.Equal(3, history.Epochs.Count);
            Assert.All(history.Epochs, e => Assert.NotNull(e.ValidationLoss));
            Assert.Equal(last.ValidationLoss, history.Epochs[^1].ValidationLoss);
            Assert.Null(progress.Reports[0].ValidationLoss);
        }

        [Fact]
        public void CancelledThenResumedRunEndsBitIdenticalToAnUninterruptedOne()
        {
            var data = LowRank(300, 3);
            var dir = Path.Combine(Path.GetTempPath(), "gml-resume-" + Guid.NewGuid().ToString("N"));
            try {
                TrainerOptions Options(string? checkpoint) => new() {
                    Epochs = 4, BatchSize = 64, Seed = 2, Threads = 2, ValidationFraction = 0.2, EarlyStoppingPatience = 10,
                    LearningRateSchedule = LearningRateSchedule.Cosine(0.1), CheckpointDirectory = checkpoint,
                };
                using var straight = NoisyModel(4);
                var straightHistory = new Trainer(Options(null)).Fit(straight, data);

                using var cts = new CancellationTokenSource();
                using var interrupted = NoisyModel(4);
                var progress = new ListProgress<TrainingProgress> { OnReport = p => { if (p.Epoch == 3 && p.Batch == 1) cts.Cancel(); } };
                Assert.ThrowsAny<OperationCanceledException>(() => new Trainer(Options(dir)).Fit(interrupted, data, progress, cts.Token));

                using var resumed = NoisyModel(99);   // other initial weights: everything must come from the checkpoint
                var history = new Trainer(Options(dir)).Resume(resumed, data);
                Assert.Equal(Weights.Flat(straight), Weights.Flat(resumed));
                Assert.Equal(straightHistory.Epochs.Select(e => e.Loss), history.Epochs.Select(e => e.Loss));
                Assert.Equal(4, history.Epochs.Count);
            } finally {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void ACheckpointOfAnotherRunIsRefused()
        {
            var dir = Path.Combine(Path.GetTempPath(), "gml-other-" + Guid.NewGuid().ToString("N"));
            try {
                using var model = NoisyModel(1);
                new Trainer(new TrainerOptions { Epochs = 1, CheckpointDirectory = dir }).Fit(model, LowRank(100, 1));
                using var other = NoisyModel(1);
                var e = Assert.Throws<InvalidOperationException>(() =>
                    new Trainer(new TrainerOptions { Epochs = 1, Seed = 3, CheckpointDirectory = dir }).Resume(other, LowRank(100, 1)));
                Assert.Contains(dir, e.Message);
            } finally {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void EarlyStoppingRestoresTheWeightsOfTheBestEpoch()
        {
            // 40 rows of pure noise and a wide network: it memorises the training rows, so the validation loss turns up.
            var r = new Random(8);
            var data = TrainingData.FromMatrix(Enumerable.Range(0, 40 * 20).Select(_ => (float)Synthetic.Gaussian(r)).ToArray(), 20);
            TrainerOptions Options(int epochs, int? patience) => new() {
                Epochs = epochs, BatchSize = 16, LearningRate = 3e-3, Seed = 1, Threads = 2, ValidationFraction = 0.3, EarlyStoppingPatience = patience,
            };
            Autoencoder Model()
            {
                manual_seed(3);
                return new Autoencoder(20, 16, new MlpArchitecture { HiddenSizes = new long[] { 128 } });
            }
            using var early = Model();
            var history = new Trainer(Options(300, 5)).Fit(early, data);
            Assert.True(history.StoppedEarly, "The validation loss never rose for 5 epochs; the test's data did not overfit.");
            var best = history.BestEpoch!.Value;
            Assert.Equal(best + 5, history.Epochs.Count);
            Assert.Equal(history.Epochs.Min(e => e.ValidationLoss), history.BestValidationLoss);

            // Training the same run for exactly the best number of epochs must give the restored weights.
            using var reference = Model();
            new Trainer(Options(best, null)).Fit(reference, data);
            Assert.Equal(Weights.Flat(reference), Weights.Flat(early));
        }

        [Fact]
        public void ALossThatOverflowsStopsTrainingNamingEpochAndBatchAndKeepsTheLastGoodWeights()
        {
            var data = TrainingData.FromMatrix(Enumerable.Repeat(1e20f, 64 * 8).ToArray(), 8);
            manual_seed(1);
            using var model = new Autoencoder(8, 2);
            var before = Weights.Flat(model);
            var e = Assert.Throws<TrainingDivergedException>(() =>
                new Trainer(new TrainerOptions { Epochs = 2, BatchSize = 32, KeepModelWeights = true }).Fit(model, data));
            Assert.Equal((1, 1), (e.Epoch, e.Batch));
            Assert.Contains("epoch 1, batch 1", e.Message);
            Assert.Equal(before, Weights.Flat(model));
        }

        [Fact]
        public void AHugeLearningRateDivergesWithAnErrorNotNaNWeights()
        {
            var data = LowRank(256, 4);
            manual_seed(2);
            using var model = new Autoencoder(8, 2);
            var e = Assert.Throws<TrainingDivergedException>(() =>
                new Trainer(new TrainerOptions { Epochs = 50, BatchSize = 32, LearningRate = 1e12 }).Fit(model, data));
            Assert.True(e.Epoch >= 1 && e.Batch >= 1);
            Assert.All(Weights.Flat(model), v => Assert.True(float.IsFinite(v)));
        }

        [Fact]
        public void BadOptionsAndMismatchedDataAreRefusedBeforeTraining()
        {
            var data = LowRank(50, 5);
            using var model = new Autoencoder(8, 2);
            var before = Weights.Flat(model);
            Assert.Equal("Epochs", Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new TrainerOptions { Epochs = 0 }).Fit(model, data)).ParamName);
            Assert.Equal("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() =>
                new Trainer(new TrainerOptions { LearningRate = double.NaN }).Fit(model, data)).ParamName);
            Assert.Equal("ValidationFraction", Assert.Throws<ArgumentOutOfRangeException>(() =>
                new Trainer(new TrainerOptions { ValidationFraction = 1 }).Fit(model, data)).ParamName);
            Assert.Equal("EarlyStoppingPatience", Assert.Throws<ArgumentException>(() =>
                new Trainer(new TrainerOptions { EarlyStoppingPatience = 3 }).Fit(model, data)).ParamName);
            var wide = TrainingData.FromMatrix(new float[50 * 9], 9);
            Assert.Equal("data", Assert.Throws<InvalidTrainingDataException>(() => new Trainer().Fit(model, wide)).ParamName);
            Assert.Equal(before, Weights.Flat(model));
        }

        [Fact]
        public void LearningRateScheduleIsAppliedPerEpoch()
        {
            var step = LearningRateSchedule.Step(everyEpochs: 2, gamma: 0.5);
            Assert.Equal(new[] { 1, 1, 0.5, 0.5, 0.25 }, Enumerable.Range(0, 5).Select(e => step.Factor(e, 5)));
            var cosine = LearningRateSchedule.Cosine(0.1);
            Assert.Equal(1, cosine.Factor(0, 5), 12);
            Assert.Equal(0.55, cosine.Factor(2, 5), 12);
            Assert.Equal(0.1, cosine.Factor(4, 5), 12);

            using var model = new Autoencoder(8, 2);
            var history = new Trainer(new TrainerOptions { Epochs = 5, LearningRate = 0.01, LearningRateSchedule = step }).Fit(model, LowRank(64, 6));
            Assert.Equal(new[] { 0.01, 0.01, 0.005, 0.005, 0.0025 }, history.Epochs.Select(e => e.LearningRate));
        }

        [Fact]
        public void GradientClippingIsApplied()
        {
            // Adam is blind to one constant gradient scale, but clipping to a tiny norm rescales every step by a different
            // factor, so a clipped run must leave the unclipped run's path. (Clipping itself is tested in the stand-in.)
            var data = LowRank(256, 7);
            double Final(double? clip)
            {
                manual_seed(5);
                using var model = new Autoencoder(8, 2);
                return new Trainer(new TrainerOptions { Epochs = 5, BatchSize = 32, Seed = 1, GradientClipNorm = clip }).Fit(model, data).Epochs[^1].Loss;
            }
            var (clipped, free) = (Final(1e-4), Final(null));
            Assert.NotEqual(clipped, free);
        }
    }
}

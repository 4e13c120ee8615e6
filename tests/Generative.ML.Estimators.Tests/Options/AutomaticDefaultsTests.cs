using System;
using Generative.ML.Training.Data;
using Generative.ML.Training.Optimization;
using Microsoft.ML;

namespace Generative.ML.Estimators.Tests.Options
{
    /// <summary>What the options pick when left unset, from the input width and the row count.</summary>
    public class AutomaticDefaultsTests
    {
        [Theory]
        [InlineData(4, 2, 32)]
        [InlineData(10, 3, 32)]
        [InlineData(30, 8, 64)]
        [InlineData(50, 13, 128)]
        [InlineData(784, 16, 256)]
        public void Sizes_grow_with_the_input_width_within_bounds(int width, int latent, long firstHidden)
        {
            var options = new VariationalAutoencoderOptions();
            Assert.Equal(latent, options.LatentSizeFor(width));
            Assert.Equal(new[] { firstHidden, firstHidden / 2 }, options.HiddenSizesFor(width));
        }

        [Fact]
        public void Sizes_that_were_set_are_kept()
        {
            var options = new AutoencoderOptions { LatentSize = 5, HiddenSizes = new long[] { 7 } };
            Assert.Equal(5, options.LatentSizeFor(300));
            Assert.Equal(new long[] { 7 }, options.HiddenSizesFor(300));
        }

        [Theory]
        [InlineData(70, 300)]       // 2 batches of 64: capped at 300 epochs
        [InlineData(1200, 211)]     // 19 batches: ceil(4000 / 19)
        [InlineData(100_000, 10)]   // 1,563 batches: at least 10 epochs
        [InlineData(1_000_000, 3)]  // 15,625 batches: 10 epochs would pass the 40,000-step cap, so ceil(40,000 / 15,625)
        public void Epochs_aim_at_the_step_budget(int rows, int epochs)
        {
            Assert.Equal(epochs, new VariationalAutoencoderOptions().EpochsFor(rows));
            Assert.Equal(7, new VariationalAutoencoderOptions { Epochs = 7 }.EpochsFor(rows));
        }

        [Fact]
        public void The_defaults_scale_robustly_and_train_one_model()
        {
            var options = new VariationalAutoencoderOptions();
            Assert.Equal(ScalingKind.Robust, options.FeatureScaling);
            Assert.Equal(1, options.EnsembleSize);
            Assert.Null(options.TrimFraction);
        }

        [Fact]
        public void Bad_settings_name_the_option()
        {
            var ml = new MLContext();
            Assert.Equal("EnsembleSize", Assert.Throws<ArgumentOutOfRangeException>(() =>
                ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { EnsembleSize = 0 })).ParamName);
            Assert.Equal("TrimFraction", Assert.Throws<ArgumentOutOfRangeException>(() =>
                ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { TrimFraction = 0.6 })).ParamName);
            Assert.Equal("Epochs", Assert.Throws<ArgumentOutOfRangeException>(() =>
                ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { Epochs = 0 })).ParamName);
            Assert.Equal("LatentSize", Assert.Throws<ArgumentOutOfRangeException>(() =>
                ml.Transforms.AutoencoderAnomalyScore("Score", "Features", new AutoencoderOptions { LatentSize = 0 })).ParamName);
        }

        [Fact]
        public void The_estimators_and_the_trainer_share_one_set_of_defaults()
        {
            var estimator = new VariationalAutoencoderOptions();
            var trainer = new TrainerOptions();
            Assert.Equal(trainer.BatchSize, estimator.BatchSize);
            Assert.Equal(trainer.LearningRate, estimator.LearningRate);
            Assert.Null(trainer.Epochs);
            foreach (var rows in new[] { 70, 1200, 100_000 }) Assert.Equal(trainer.EpochsFor(rows), estimator.EpochsFor(rows));
        }

        /// <summary>What the trainer would refuse mid-Fit is refused by the catalog call, before any data is read.</summary>
        [Fact]
        public void Every_trainer_setting_is_checked_when_the_estimator_is_made()
        {
            var ml = new MLContext();
            string Refused(VariationalAutoencoderOptions options) =>
                Assert.ThrowsAny<ArgumentException>(() => ml.Transforms.VaeAnomalyScore("Score", "Features", options)).ParamName!;
            Assert.Equal("BatchSize", Refused(new() { BatchSize = 0 }));
            Assert.Equal("LearningRate", Refused(new() { LearningRate = double.NaN }));
            Assert.Equal("ValidationFraction", Refused(new() { ValidationFraction = 1 }));
            Assert.Equal("EarlyStoppingPatience", Refused(new() { EarlyStoppingPatience = 3 }));
            Assert.Equal("Threads", Refused(new() { Threads = 0 }));
            Assert.Equal("HiddenSizes", Refused(new() { HiddenSizes = new long[] { 8, 0 } }));
            Assert.Equal("GpuDeviceId", Refused(new() { GpuDeviceId = -1 }));
        }
    }
}

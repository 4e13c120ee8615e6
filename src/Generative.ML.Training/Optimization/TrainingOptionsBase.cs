using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Generative.ML.Graphs;
using Generative.ML.Training.Optimization;

namespace Generative.ML
{
    /// <summary>
    /// What every model of the library trains with, the transforms' (<see cref="GenerativeEstimatorOptions"/>) and the
    /// table synthesizer's alike: the network's sizes, the optimizer, the data bound, the seed, progress and cancellation.
    /// A setting left null takes the family's automatic choice, which its options class describes.
    /// </summary>
    public abstract class TrainingOptionsBase
    {
        private protected TrainingOptionsBase() { }

        /// <summary>The default values the catalog methods and options share.</summary>
        public static class Defaults
        {
            /// <summary>The column the models read by default: a known-size vector of Single.</summary>
            public const string FeatureColumnName = "Features";

            /// <summary>The anomaly score's column (Single, higher is more anomalous), as ML.NET's anomaly detectors name it.</summary>
            public const string ScoreColumnName = "Score";

            /// <summary>The anomaly label's column (Boolean: the score is above the threshold).</summary>
            public const string PredictedLabelColumnName = "PredictedLabel";

            /// <summary>Each feature's share of the anomaly score (a vector of the input's size).</summary>
            public const string FeatureContributionsColumnName = "FeatureContributions";

            /// <summary>The share of the training rows expected to be anomalies.</summary>
            public const double Contamination = 0.05;

            /// <summary>The largest latent size the transforms' exported graphs take (the sampler's noise width).</summary>
            public const int MaxLatentSize = GraphContract.Pipeline.NoiseWidth;
        }

        /// <summary>Size of the code (plain autoencoders) or of z (VAEs). Null (the default): the family's automatic size.</summary>
        public int? LatentSize { get; set; }

        /// <summary>Encoder widths from the input inwards; the decoder mirrors them. Null (the default): the family's automatic widths.</summary>
        public IReadOnlyList<long>? HiddenSizes { get; set; }

        /// <summary>Passes over the training rows. Null (the default): enough for the family's budget of optimizer steps.</summary>
        public int? Epochs { get; set; }

        /// <summary>Rows per optimizer step.</summary>
        public int BatchSize { get; set; } = TrainingDefaults.BatchSize;

        /// <summary>Adam's step size.</summary>
        public double LearningRate { get; set; } = TrainingDefaults.LearningRate;

        /// <summary>Weight decay, decoupled from the gradient (AdamW); 0 (the default) trains with plain Adam.</summary>
        public double WeightDecay { get; set; }

        /// <summary>Gradients are rescaled so that their joint L2 norm is at most this; null (the default) leaves them as they are.</summary>
        public double? GradientClipNorm { get; set; }

        /// <summary>How the step size changes over the epochs: constant (the default), step decay or cosine annealing.</summary>
        public LearningRateSchedule LearningRateSchedule { get; set; } = LearningRateSchedule.Constant;

        /// <summary>Share of rows held out to measure a validation loss each epoch (needed for early stopping).</summary>
        public double ValidationFraction { get; set; }

        /// <summary>Stop when the validation loss has not improved for this many epochs; keep the best epoch's weights.</summary>
        public int? EarlyStoppingPatience { get; set; }

        /// <summary>
        /// Decides the initial weights, the validation split, shuffling and sampling noise: the same seed and thread count
        /// give byte-identical ONNX graphs in any process. Null (the default) draws one from the MLContext the model is
        /// trained from, as ML.NET's trainers do: <c>new MLContext(seed: 1)</c> then gives the same model every run.
        /// </summary>
        public int? Seed { get; set; }

        /// <summary>Torch's thread count while training; null leaves torch's setting as it is.</summary>
        public int? Threads { get; set; }

        /// <summary>
        /// Share of the training rows expected to be anomalies: the threshold above which a row is labelled an anomaly is
        /// the training scores' (1 - Contamination) quantile. It can be moved after training without training again.
        /// </summary>
        public double Contamination { get; set; } = Defaults.Contamination;

        /// <summary>
        /// The most rows kept to train on: a larger table is read once and a uniform sample of this many kept (seeded by
        /// <see cref="Seed"/>), so memory stays bounded. Null (the default): the family's automatic bound.
        /// </summary>
        public int? MaxTrainingRows { get; set; }

        /// <summary>Reports after every batch and epoch of training.</summary>
        public IProgress<TrainingProgress>? Progress { get; set; }

        /// <summary>Cancels training between two batches (Fit then throws OperationCanceledException).</summary>
        public CancellationToken CancellationToken { get; set; }

        /// <summary>The trainer's settings for a run from <paramref name="seed"/> (epochs left to the trainer's rule when null).</summary>
        internal TrainerOptions TrainerOptionsFor(int seed, int? epochs, double trimFraction = 0) => new() {
            Epochs = epochs,
            BatchSize = BatchSize,
            LearningRate = LearningRate,
            ValidationFraction = ValidationFraction,
            EarlyStoppingPatience = EarlyStoppingPatience,
            Seed = seed,
            Threads = Threads,
            TrimFraction = trimFraction,
            Optimizer = WeightDecay > 0 ? OptimizerKind.AdamW : OptimizerKind.Adam,
            WeightDecay = WeightDecay,
            GradientClipNorm = GradientClipNorm,
            LearningRateSchedule = LearningRateSchedule,
        };

        /// <summary>The checks every family shares; a family's options add their own. Nothing is found wrong only after training has started.</summary>
        internal virtual void Validate()
        {
            if (!(Contamination > 0 && Contamination < 0.5))
                throw new ArgumentOutOfRangeException(nameof(Contamination), Contamination, "The contamination must be in (0, 0.5).");
            if (MaxTrainingRows is int maxRows && maxRows < 1) throw new ArgumentOutOfRangeException(nameof(MaxTrainingRows), maxRows, "At least one row must be kept.");
            if (HiddenSizes is not null && (HiddenSizes.Count == 0 || HiddenSizes.Any(h => h <= 0)))
                throw new ArgumentOutOfRangeException(nameof(HiddenSizes), string.Join(", ", HiddenSizes), "Give at least one hidden width, each positive.");
            if (Seed is int seed && seed < 0) throw new ArgumentOutOfRangeException(nameof(Seed), seed, "The seed must be 0 or more.");
            TrainerOptionsFor(Seed ?? 0, Epochs).Validate(); // what the trainer checks: epochs, batch size, learning rate, validation share, patience, threads
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Generative.ML.Training.Optimization;

namespace Generative.ML
{
    /// <summary>How a table synthesizer is trained: which columns, which one rows are generated under, the network and the training.</summary>
    public sealed class TableSynthesizerOptions
    {
        /// <summary>The columns to model, in order; null takes every visible column (a column of a type a table cannot hold is then refused by name).</summary>
        public IReadOnlyList<string>? Columns { get; set; }

        /// <summary>Integer columns to treat as categories (codes, not counts); text, Boolean and key columns are categorical anyway.</summary>
        public IReadOnlyList<string>? CategoricalColumns { get; set; }

        /// <summary>A categorical column to generate rows under ("1,000 rows with country = NL"): the model is then a conditional VAE given it.</summary>
        public string? ConditionColumn { get; set; }

        /// <summary>
        /// How numeric columns are normalised: through their quantiles (the default), or TVAE's mode by mode. Measured in
        /// docs/synthetic-data.md: modes made generated rows a little harder to detect, but made scores less reliable (a
        /// tight mode's density swamps other columns), so quantiles stay the default for a synthesizer that also scores.
        /// </summary>
        public Generative.ML.Transformers.Tables.ContinuousEncoding ContinuousEncoding { get; set; }

        /// <summary>Size of z.</summary>
        public int LatentSize { get; set; } = 8;

        /// <summary>The encoder's hidden widths (the decoder mirrors them).</summary>
        public IReadOnlyList<long> HiddenSizes { get; set; } = new long[] { 128, 128 };

        /// <summary>
        /// Passes over the rows; null picks them from the row count: about <see cref="AutomaticSteps"/> steps, at most
        /// <see cref="AutomaticMaxEpochs"/> epochs, and at least one.
        /// </summary>
        public int? Epochs { get; set; }

        /// <summary>The steps automatic epochs aim at: more than the numeric transforms' budget, for the heads of many columns to settle (measured in docs/synthetic-data.md).</summary>
        public const int AutomaticSteps = 10_000;

        /// <summary>The most automatic epochs, for the smallest tables.</summary>
        public const int AutomaticMaxEpochs = 3_000;

        /// <summary>The epochs a table of <paramref name="rows"/> rows trains for.</summary>
        internal int EpochsFor(int rows)
        {
            if (Epochs is int epochs) return epochs;
            var batches = Math.Max(1, (int)Math.Ceiling(rows / (double)BatchSize));
            return Math.Clamp((int)Math.Ceiling(AutomaticSteps / (double)batches), 1, AutomaticMaxEpochs);
        }

        /// <summary>Rows per step.</summary>
        public int BatchSize { get; set; } = TrainingDefaults.BatchSize;

        /// <summary>Adam's step size.</summary>
        public double LearningRate { get; set; } = TrainingDefaults.LearningRate;

        /// <summary>
        /// Initial weights, shuffling and sampling: the same seed and thread count give the same synthesizer. Null (the
        /// default) draws one from the MLContext, as ML.NET's trainers do.
        /// </summary>
        public int? Seed { get; set; }

        /// <summary>Torch's thread count while training; null leaves torch's setting as it is.</summary>
        public int? Threads { get; set; }

        /// <summary>Share of training rows expected to be anomalies: the score threshold is the training scores' (1 - Contamination) quantile.</summary>
        public double Contamination { get; set; } = GenerativeEstimatorOptions.Defaults.Contamination;

        /// <summary>
        /// The probability a category never seen in training is scored as having (its contribution is -log of it). Null
        /// takes half a row's share, 0.5 / (training rows): less likely than any category that was seen.
        /// </summary>
        public double? UnseenCategoryProbability { get; set; }

        /// <summary>
        /// Calibrate the generated columns to the training columns after training (an unconditional synthesizer only): each
        /// number's draws are mapped by rank onto its training distribution and each category's probabilities reweighted
        /// to its training share, so column shapes match while the model's relations between columns are kept.
        /// </summary>
        public bool CalibrateColumns { get; set; } = true;

        /// <summary>Rows kept for training: a larger table gives a uniform sample of this many, read in one pass.</summary>
        public int MaxTrainingRows { get; set; } = 1_000_000;

        /// <summary>Reports each epoch's loss.</summary>
        public IProgress<TrainingProgress>? Progress { get; set; }

        /// <summary>Stops training.</summary>
        public CancellationToken CancellationToken { get; set; }

        internal TrainerOptions TrainerOptions(int rows, int seed) => new() {
            Epochs = EpochsFor(rows), BatchSize = BatchSize, LearningRate = LearningRate, Seed = seed, Threads = Threads,
        };

        internal void Validate()
        {
            if (LatentSize <= 0) throw new ArgumentOutOfRangeException(nameof(LatentSize), LatentSize, "The latent size must be positive.");
            if (HiddenSizes is null || HiddenSizes.Count == 0 || HiddenSizes.Any(h => h <= 0))
                throw new ArgumentOutOfRangeException(nameof(HiddenSizes), HiddenSizes is null ? "null" : string.Join(", ", HiddenSizes), "Give at least one hidden width, each positive.");
            if (!(Contamination > 0 && Contamination < 0.5))
                throw new ArgumentOutOfRangeException(nameof(Contamination), Contamination, "The contamination must be in (0, 0.5).");
            if (UnseenCategoryProbability is double p && !(p > 0 && p < 1))
                throw new ArgumentOutOfRangeException(nameof(UnseenCategoryProbability), p, "The probability of an unseen category must be in (0, 1).");
            if (MaxTrainingRows < 1) throw new ArgumentOutOfRangeException(nameof(MaxTrainingRows), MaxTrainingRows, "At least one row must be kept.");
            if (Seed is int seed && seed < 0) throw new ArgumentOutOfRangeException(nameof(Seed), seed, "The seed must be 0 or more.");
            TrainerOptions(1, Seed ?? 0).Validate();
        }
    }
}

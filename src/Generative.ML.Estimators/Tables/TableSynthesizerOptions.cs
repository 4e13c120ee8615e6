using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Generative.ML.Training.Optimization;

namespace Generative.ML
{
    /// <summary>
    /// How a table synthesizer is trained: which columns, which one rows are generated under, how numbers are encoded;
    /// the network and the training are the settings every model shares (<see cref="TrainingOptionsBase"/>), with the
    /// table's automatic values: a latent size of <see cref="DefaultLatentSize"/>, hidden widths of 128 and 128, about
    /// <see cref="AutomaticSteps"/> steps, and at most <see cref="DefaultMaxTrainingRows"/> rows kept.
    /// </summary>
    public sealed class TableSynthesizerOptions : TrainingOptionsBase
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

        /// <summary>The latent size when <see cref="TrainingOptionsBase.LatentSize"/> is null.</summary>
        public const int DefaultLatentSize = 8;

        /// <summary>The rows kept when <see cref="TrainingOptionsBase.MaxTrainingRows"/> is null.</summary>
        public const int DefaultMaxTrainingRows = 1_000_000;

        internal int LatentSizeOrDefault => LatentSize ?? DefaultLatentSize;

        internal IReadOnlyList<long> HiddenSizesOrDefault => HiddenSizes ?? new long[] { 128, 128 };

        internal int MaxTrainingRowsOrDefault => MaxTrainingRows ?? DefaultMaxTrainingRows;

        /// <summary>The steps automatic epochs aim at: more than the numeric transforms' budget, for the heads of many columns to settle (measured in docs/synthetic-data.md).</summary>
        public const int AutomaticSteps = 10_000;

        /// <summary>
        /// The most automatic epochs, for the smallest tables: passes over each row are what make a model copy its rows.
        /// At 3,000 (the earlier cap) 21.5% of the rows generated from 166 survey rows lay closer to a training row than
        /// 95% of held-out rows did; at 600, 6.6% (5% for new rows). Measured in docs/synthetic-data.md.
        /// </summary>
        public const int AutomaticMaxEpochs = 600;

        /// <summary>The epochs a table of <paramref name="rows"/> rows trains for.</summary>
        internal int EpochsFor(int rows)
        {
            if (Epochs is int epochs) return epochs;
            var batches = Math.Max(1, (int)Math.Ceiling(rows / (double)BatchSize));
            return Math.Clamp((int)Math.Ceiling(AutomaticSteps / (double)batches), 1, AutomaticMaxEpochs);
        }

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

        internal TrainerOptions TrainerOptions(int rows, int seed) => TrainerOptionsFor(seed, EpochsFor(rows));

        internal override void Validate()
        {
            base.Validate();
            if (LatentSize is int latent && latent <= 0) throw new ArgumentOutOfRangeException(nameof(LatentSize), latent, "The latent size must be positive.");
            if (UnseenCategoryProbability is double p && !(p > 0 && p < 1))
                throw new ArgumentOutOfRangeException(nameof(UnseenCategoryProbability), p, "The probability of an unseen category must be in (0, 1).");
        }
    }
}

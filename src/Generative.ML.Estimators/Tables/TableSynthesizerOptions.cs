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
    /// table's automatic values: a latent size of <see cref="DefaultLatentSize"/>, hidden widths of 64 and 64, batches of
    /// <see cref="DefaultBatchSize"/> rows, about <see cref="AutomaticSteps"/> steps (at most <see cref="AutomaticMaxEpochs"/>
    /// epochs), and at most <see cref="DefaultMaxTrainingRows"/> rows kept.
    /// </summary>
    public sealed class TableSynthesizerOptions : TrainingOptionsBase
    {
        /// <summary>The table's defaults: <see cref="TrainingOptionsBase.BatchSize"/> is <see cref="DefaultBatchSize"/>.</summary>
        public TableSynthesizerOptions() => BatchSize = DefaultBatchSize;

        /// <summary>
        /// Rows per optimizer step for a table model. Smaller than other models' batches: a small table then gets the steps its
        /// pair trends need within the epoch cap, since copying rows grows with passes over each row (docs/synthetic-data.md).
        /// </summary>
        public const int DefaultBatchSize = 32;

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

        /// <summary>The KL term's weight in the training objective (1: the plain ELBO); for experiments on the defaults.</summary>
        internal double KlWeight { get; set; } = 1;

        /// <summary>Dropout after each hidden layer; for experiments on the defaults.</summary>
        internal double Dropout { get; set; }

        internal int LatentSizeOrDefault => LatentSize ?? DefaultLatentSize;

        /// <summary>The hidden widths when <see cref="TrainingOptionsBase.HiddenSizes"/> is null: 64 and 64, narrow enough not to copy small tables' rows.</summary>
        internal IReadOnlyList<long> HiddenSizesOrDefault => HiddenSizes ?? new long[] { 64, 64 };

        internal int MaxTrainingRowsOrDefault => MaxTrainingRows ?? DefaultMaxTrainingRows;

        /// <summary>The steps automatic epochs aim at: more than the numeric transforms' budget, for the heads of many columns to settle (measured in docs/synthetic-data.md).</summary>
        public const int AutomaticSteps = 10_000;

        /// <summary>
        /// The most automatic epochs, for the smallest tables: passes over each row are what make a model copy its rows.
        /// At 3,000 (an earlier cap) 21.5% of the rows generated from 166 survey rows lay closer to a training row than
        /// 95% of held-out rows did; with this cap, the narrower network and smaller batches, about 6% (5% for new rows).
        /// Measured in docs/synthetic-data.md.
        /// </summary>
        public const int AutomaticMaxEpochs = 500;

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

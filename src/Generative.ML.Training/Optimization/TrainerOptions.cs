using System;

namespace Generative.ML.Training.Optimization
{
    /// <summary>How a model is trained. The defaults (<see cref="TrainingDefaults"/>, shared with the estimators) suit small tabular data sets.</summary>
    internal sealed class TrainerOptions
    {
        /// <summary>Read before every batch: true stops the fit with <see cref="System.OperationCanceledException"/> (MLContext.CancelExecution()).</summary>
        public System.Func<bool>? Stopped { get; set; }

        /// <summary>Passes over the training rows; null (the default) picks them from the row count (<see cref="TrainingDefaults.Epochs"/>).</summary>
        public int? Epochs { get; init; }

        /// <summary>Rows per optimizer step.</summary>
        public int BatchSize { get; init; } = TrainingDefaults.BatchSize;

        /// <summary>The epochs a fit on <paramref name="rows"/> rows runs: <see cref="Epochs"/>, or the automatic choice.</summary>
        public int EpochsFor(int rows) => Epochs ?? TrainingDefaults.Epochs(rows, BatchSize, ValidationFraction);

        /// <summary>
        /// Seeds the initial weights, the validation split, the shuffling, the sampling noise and dropout. Same seed and
        /// thread count: the same weights, bit for bit, in any process.
        /// </summary>
        public int Seed { get; init; }

        /// <summary>
        /// False (the default): training starts by drawing the model's weights afresh from <see cref="Seed"/>. True: it
        /// continues from the weights the model has (fine-tuning, or weights set by hand).
        /// </summary>
        public bool KeepModelWeights { get; init; }

        /// <summary>Adam (default) or AdamW.</summary>
        public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
        /// <summary>The optimizer's step size.</summary>
        public double LearningRate { get; init; } = TrainingDefaults.LearningRate;
        /// <summary>L2 weight decay (decoupled for AdamW).</summary>
        public double WeightDecay { get; init; }
        /// <summary>How the step size changes over the epochs.</summary>
        public LearningRateSchedule LearningRateSchedule { get; init; } = LearningRateSchedule.Constant;

        /// <summary>Gradients are rescaled so their joint L2 norm is at most this; null leaves them as they are.</summary>
        public double? GradientClipNorm { get; init; }

        /// <summary>The share of rows held out (chosen with the seed) to measure a validation loss each epoch.</summary>
        public double ValidationFraction { get; init; }

        /// <summary>
        /// Stop when the validation loss has not improved for this many epochs, and keep the weights of the best epoch.
        /// Needs a validation fraction. Null trains all epochs.
        /// </summary>
        public int? EarlyStoppingPatience { get; init; }

        /// <summary>
        /// Torch's intra-op thread count while training (set for the run, then put back); null leaves torch's setting
        /// as it is. Results are bit-identical only between runs on the same thread count.
        /// </summary>
        public int? Threads { get; init; }

        /// <summary>
        /// The trimmed objective: each batch's loss leaves out this share of its rows, those with the highest loss (and
        /// so does the validation loss). For training data with anomalies in it; 0, the default, uses every row.
        /// </summary>
        public double TrimFraction { get; init; }

        /// <summary>If set, the weights, optimizer state and history are written there after every epoch, for <see cref="Trainer.Resume"/>.</summary>
        public string? CheckpointDirectory { get; init; }

        /// <summary>Every check that does not need the data; <see cref="Validate(int)"/> adds those that do.</summary>
        internal void Validate()
        {
            if (Epochs is int epochs && epochs <= 0) throw new ArgumentOutOfRangeException(nameof(Epochs), epochs, "The number of epochs must be positive.");
            if (BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be positive.");
            if (!Enum.IsDefined(Optimizer)) throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, "Unknown optimizer.");
            Check.Positive(LearningRate, nameof(LearningRate), "The learning rate");
            Check.FiniteNonNegative(WeightDecay, nameof(WeightDecay), "The weight decay");
            if (LearningRateSchedule is null) throw new ArgumentNullException(nameof(LearningRateSchedule));
            if (GradientClipNorm is double clip && !(clip > 0))
                throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), clip, "The gradient clipping norm must be positive.");
            if (!(ValidationFraction >= 0 && ValidationFraction < 1))
                throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "The validation fraction must be in [0, 1).");
            if (EarlyStoppingPatience is int patience) {
                if (patience <= 0) throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), patience, "The patience must be positive.");
                if (ValidationFraction == 0)
                    throw new ArgumentException("Early stopping watches the validation loss: set a validation fraction.", nameof(EarlyStoppingPatience));
            }
            if (!(TrimFraction >= 0 && TrimFraction < 0.5))
                throw new ArgumentOutOfRangeException(nameof(TrimFraction), TrimFraction, "The trimmed share of each batch must be in [0, 0.5).");
            if (Threads is int threads && threads <= 0) throw new ArgumentOutOfRangeException(nameof(Threads), threads, "The thread count must be positive.");
        }

        internal void Validate(int rowCount)
        {
            Validate();
            if (ValidationFraction > 0 && (ValidationRows(rowCount) == 0 || ValidationRows(rowCount) == rowCount))
                throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction,
                    $"A validation fraction of {ValidationFraction} leaves no rows on one side of the split of {rowCount} rows.");
        }

        internal int ValidationRows(int rowCount) => (int)Math.Round(rowCount * ValidationFraction);
    }
}

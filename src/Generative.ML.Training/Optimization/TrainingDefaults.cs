using System;

namespace Generative.ML.Training.Optimization
{
    /// <summary>
    /// The one set of training defaults: <see cref="TrainerOptions"/> and the estimators' options both start from these,
    /// so a model trained through the trainer and one trained through ML.NET see the same batches and the same steps.
    /// </summary>
    internal static class TrainingDefaults
    {
        /// <summary>Rows per optimizer step.</summary>
        public const int BatchSize = 64;

        /// <summary>Adam's step size.</summary>
        public const double LearningRate = 1e-3;

        /// <summary>The optimizer steps that automatic epochs aim for.</summary>
        public const int StepBudget = 4000;

        /// <summary>The fewest epochs automatic epochs run, however many the rows.</summary>
        public const int MinEpochs = 10;

        /// <summary>The most epochs automatic epochs run, however few the rows (on 78 rows, 1,000 passes overfit).</summary>
        public const int MaxEpochs = 300;

        /// <summary>
        /// The most optimizer steps automatic epochs run: <see cref="MinEpochs"/> applies only while it stays within this,
        /// so on large tables Fit's time follows the step budget, not the row count.
        /// </summary>
        public const int MaxSteps = 10 * StepBudget;

        /// <summary>Optimizer steps in one epoch over <paramref name="rows"/> rows, after the validation share is held out.</summary>
        public static int BatchesPerEpoch(int rows, int batchSize, double validationFraction) =>
            Math.Max(1, (int)Math.Ceiling(rows * (1 - validationFraction) / Math.Max(1, batchSize)));

        /// <summary>
        /// Automatic epochs: enough for about <see cref="StepBudget"/> steps, within [<see cref="MinEpochs"/>,
        /// <see cref="MaxEpochs"/>], and no more than <see cref="MaxSteps"/> steps (at least one epoch).
        /// </summary>
        public static int Epochs(int rows, int batchSize, double validationFraction)
        {
            var batches = BatchesPerEpoch(rows, batchSize, validationFraction);
            var epochs = Math.Clamp((int)Math.Ceiling(StepBudget / (double)batches), MinEpochs, MaxEpochs);
            return (long)epochs * batches > MaxSteps ? Math.Max(1, (int)Math.Ceiling(MaxSteps / (double)batches)) : epochs;
        }
    }
}

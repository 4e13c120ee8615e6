using System;

using Generative.ML.Training.Optimization;

namespace Generative.ML
{
    /// <summary>
    /// The loss or its gradient stopped being finite. Raised by Fit with the epoch and batch where it happened.
    /// </summary>
    public sealed class TrainingDivergedException : Exception
    {
        /// <summary>Training stopped at this epoch and batch because <paramref name="what"/> was not finite.</summary>
        internal TrainingDivergedException(int epoch, int batch, string what, TrainingHistory history)
            : base($"Training diverged at epoch {epoch}, batch {batch}: the {what} is not finite. The model keeps the weights from before " +
                   "this step. Try a lower learning rate, gradient clipping, or standardised inputs.")
        {
            Epoch = epoch;
            Batch = batch;
            History = history;
        }

        /// <summary>One-based.</summary>
        public int Epoch { get; }

        /// <summary>One-based, within the epoch.</summary>
        public int Batch { get; }

        /// <summary>The epochs completed before training diverged.</summary>
        internal TrainingHistory History { get; }
    }
}

using System.Collections.Generic;

namespace Generative.ML.Training.Optimization
{
    /// <summary>One epoch's means over its training rows, and its validation loss if there is a validation split.</summary>
    /// <param name="Epoch">One-based.</param>
    internal sealed record EpochSummary(int Epoch, double Loss, IReadOnlyDictionary<string, double> Parts, double? ValidationLoss,
                                      double LearningRate, double Seconds);

    /// <summary>What training did, epoch by epoch: the data for loss curves.</summary>
    internal sealed class TrainingHistory
    {
        /// <summary>One summary per completed epoch.</summary>
        public List<EpochSummary> Epochs { get; init; } = new();

        /// <summary>The epoch with the lowest validation loss (one-based), when there is a validation split.</summary>
        public int? BestEpoch { get; set; }

        /// <summary>The lowest validation loss seen; null without validation.</summary>
        public double? BestValidationLoss { get; set; }

        /// <summary>True when early stopping ended training before the last epoch.</summary>
        public bool StoppedEarly { get; set; }
    }
}

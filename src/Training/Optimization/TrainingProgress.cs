using System;
using System.Collections.Generic;

namespace Generative.ML.Training.Optimization
{
    /// <summary>
    /// A report after each batch, and one more when an epoch ends (<see cref="EpochCompleted"/>, with the validation
    /// loss). Loss and parts are the means over the epoch's rows so far.
    /// </summary>
    /// <param name="Epoch">One-based.</param>
    /// <param name="Batch">One-based, within the epoch.</param>
    public sealed record TrainingProgress(
        int Epoch, int Epochs, int Batch, int Batches, double Loss, IReadOnlyDictionary<string, double> Parts,
        double? ValidationLoss, double LearningRate, double SamplesPerSecond, TimeSpan EstimatedTimeLeft, bool EpochCompleted);
}

using System;
using System.Collections.Generic;

namespace Generative.ML
{
    /// <summary>
    /// A report after each batch, and one more when an epoch ends (<see cref="EpochCompleted"/>, with the validation
    /// loss). Loss and parts are the means over the epoch's rows so far.
    /// </summary>
    /// <param name="Epoch">One-based.</param>
    /// <param name="Batch">One-based, within the epoch.</param>
    /// <param name="Notice">
    /// Set on a run's first report when the library changed how torch computes on this machine (for instance, switched
    /// oneDNN off because its convolutions were wrong here): one sentence worth showing the user.
    /// </param>
    public sealed record TrainingProgress(
        int Epoch, int Epochs, int Batch, int Batches, double Loss, IReadOnlyDictionary<string, double> Parts,
        double? ValidationLoss, double LearningRate, double SamplesPerSecond, TimeSpan EstimatedTimeLeft, bool EpochCompleted,
        string? Notice = null);
}

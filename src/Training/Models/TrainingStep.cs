namespace Generative.ML.Training.Models
{
    /// <summary>Where training is when a loss is computed; schedules (such as beta's) read it.</summary>
    /// <param name="Epoch">Zero-based epoch.</param>
    /// <param name="EpochProgress">Epochs done so far, fractional: Epoch + batch / batches.</param>
    public readonly record struct TrainingStep(int Epoch, double EpochProgress);
}

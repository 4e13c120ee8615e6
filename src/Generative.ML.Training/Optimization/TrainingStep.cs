namespace Generative.ML.Training.Optimization
{
    /// <summary>Where training is when a loss is computed; schedules (such as beta's) read it.</summary>
    /// <param name="Epoch">Zero-based epoch.</param>
    /// <param name="EpochProgress">Epochs done so far, fractional: Epoch + batch / batches.</param>
    /// <param name="TrimFraction">
    /// The share of each batch's rows, those with the highest loss, that the objective leaves out (the trimmed
    /// objective, for contaminated data); 0 averages over every row.
    /// </param>
    /// <param name="Epochs">The epochs the run is to take (0 where unknown): schedules over the whole run read it.</param>
    internal readonly record struct TrainingStep(int Epoch, double EpochProgress, double TrimFraction = 0, int Epochs = 0);
}

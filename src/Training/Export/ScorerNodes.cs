namespace Generative.ML.Training.Export
{
    /// <summary>
    /// The values a model's scorer graph computes: the reconstruction, its per-row mean squared error, the per-row
    /// negative ELBO (VAE family only) and which of them is the anomaly score.
    /// </summary>
    internal sealed record ScorerNodes(string Reconstruction, string ReconstructionError, string? NegativeElbo, string Score);
}

namespace Generative.ML.Training.Onnx
{
    /// <summary>
    /// The values a model's scorer graph computes: the reconstruction, its per-row mean squared error, the per-row
    /// negative ELBO (VAE family only), which of them is the anomaly score, and per-feature shares of the score:
    /// <see cref="ErrorShares"/> sum to the reconstruction error; <see cref="NllShares"/> (VAE family) sum to the
    /// negative ELBO's reconstruction term (the KL, which belongs to no feature, is the rest). <see cref="Code"/> is the
    /// encoder's deterministic output (mu, or the code) for scores that also look at the latent space. A model that does
    /// not reconstruct has only <see cref="Score"/>.
    /// </summary>
    internal sealed record ScorerNodes(string? Reconstruction, string? ReconstructionError, string? NegativeElbo, string Score,
                                       string? ErrorShares, string? NllShares, string? Code = null)
    {
        /// <summary>A model that does not reconstruct (the GAN): its own score and nothing else.</summary>
        public static ScorerNodes ScoreOnly(string score) => new(null, null, null, score, null, null);
    }
}

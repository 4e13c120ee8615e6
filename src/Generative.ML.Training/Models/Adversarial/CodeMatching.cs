namespace Generative.ML
{
    /// <summary>How an adversarial autoencoder pushes its aggregated codes to the prior.</summary>
    public enum CodeMatching
    {
        /// <summary>A discriminator tells codes from prior draws, and the encoder learns to fool it (the AAE paper).</summary>
        Adversarial,

        /// <summary>
        /// The MMD between a batch's codes and as many prior draws is added to the loss (the Wasserstein autoencoder's
        /// WAE-MMD). Its witness function is the best kernel discriminator, found in closed form: no game to balance.
        /// </summary>
        MaximumMeanDiscrepancy,
    }
}

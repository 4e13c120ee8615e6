using System;

namespace Generative.ML.Estimators
{
    /// <summary>
    /// The adversarial autoencoder's settings for the AdversarialAutoencoder* transforms: an autoencoder whose codes a
    /// discriminator pushes towards a prior (N(0, I), or a mixture of Gaussians), so that decoded prior draws (Sample)
    /// look like the data. Its anomaly score is the reconstruction error.
    /// </summary>
    public sealed class AdversarialAutoencoderOptions : GenerativeEstimatorOptions
    {
        /// <summary>lambda: the weight of fooling the code discriminator, against the reconstruction's mean squared error.</summary>
        public double AdversarialWeight { get; set; } = 1;

        /// <summary>
        /// 1 (the default): the prior is N(0, I). K >= 2: the AAE paper's mixture of K equal Gaussians, centred on a circle in
        /// the first two code dimensions. For data in K separate clusters, a mixture with one component per cluster
        /// puts far fewer samples between the clusters: N(0, I) is one connected blob, and the decoder has to pass
        /// from one cluster to the next somewhere inside it.
        /// </summary>
        public int PriorComponents { get; set; } = 1;

        internal override void Validate()
        {
            base.Validate();
            if (!(AdversarialWeight >= 0) || double.IsInfinity(AdversarialWeight))
                throw new ArgumentOutOfRangeException(nameof(AdversarialWeight), AdversarialWeight, "The adversarial weight must be a finite number >= 0.");
            if (PriorComponents < 1)
                throw new ArgumentOutOfRangeException(nameof(PriorComponents), PriorComponents, "The prior needs at least one component (1 is N(0, I)).");
            if (PriorComponents > 1 && LatentSize is int latent && latent < 2)
                throw new ArgumentOutOfRangeException(nameof(PriorComponents), PriorComponents,
                    $"A mixture prior needs a latent size of at least 2 (LatentSize is {latent}).");
        }
    }
}

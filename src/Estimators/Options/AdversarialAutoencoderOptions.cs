using System;

namespace Generative.ML.Estimators
{
    /// <summary>
    /// The adversarial autoencoder's settings for the AdversarialAutoencoder* transforms: an autoencoder whose codes a
    /// discriminator pushes towards N(0, I), so that decoded N(0, I) draws (Sample) look like the data. Its anomaly score is
    /// the reconstruction error.
    /// </summary>
    public sealed class AdversarialAutoencoderOptions : GenerativeEstimatorOptions
    {
        /// <summary>lambda: the weight of fooling the code discriminator, against the reconstruction's mean squared error.</summary>
        public double AdversarialWeight { get; set; } = 1;

        internal override void Validate()
        {
            base.Validate();
            if (!(AdversarialWeight >= 0) || double.IsInfinity(AdversarialWeight))
                throw new ArgumentOutOfRangeException(nameof(AdversarialWeight), AdversarialWeight, "The adversarial weight must be a finite number >= 0.");
        }
    }
}

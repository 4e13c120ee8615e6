using System;
using Generative.ML.Training;
using Generative.ML.Training.Models;

namespace Generative.ML
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
        /// How the codes are pushed to the prior: a discriminator (the default, the AAE paper), or the MMD between each
        /// batch's codes and prior draws (the Wasserstein autoencoder, WAE-MMD). The MMD needs no game to balance; with a
        /// mixture prior it was the one that put the codes into narrow components (docs/models.md).
        /// </summary>
        public CodeMatching CodeMatching { get; set; } = CodeMatching.Adversarial;

        /// <summary>lambda for <see cref="CodeMatching.MaximumMeanDiscrepancy"/>: the weight of the MMD^2 against the reconstruction's mean squared error.</summary>
        public double MmdWeight { get; set; } = 10;

        /// <summary>
        /// 1 (the default): the prior is N(0, I). K >= 2: the AAE paper's mixture of K equal Gaussians, centred on a circle in
        /// the first two code dimensions. For data in K separate clusters, a mixture with one component per cluster
        /// puts far fewer samples between the clusters: N(0, I) is one connected blob, and the decoder has to pass
        /// from one cluster to the next somewhere inside it.
        /// </summary>
        public int PriorComponents { get; set; } = 1;

        /// <summary>
        /// A mixture component's standard deviation over the distance between neighbouring centres. Null: 1/5 with a
        /// discriminator, 1/6 with the MMD (<see cref="AdversarialAutoencoder.DefaultSpread"/> says why).
        /// </summary>
        public double? PriorSpread { get; set; }

        /// <summary>
        /// gamma of the code discriminator's R1 gradient penalty (its loss adds gamma / 2 times the mean squared norm of
        /// its gradient at prior draws); 0 turns it off. It keeps the discriminator from ending the game at chance while
        /// the codes are still off the prior (see <see cref="AdversarialAutoencoder.DefaultGradientPenalty"/>). Unused with the MMD.
        /// </summary>
        public double GradientPenalty { get; set; } = AdversarialAutoencoder.DefaultGradientPenalty;

        internal override GenerativeModel CreateModel(int inputSize, int conditionSize) =>
            new AdversarialAutoencoder(inputSize, LatentSizeFor(inputSize), CodeMatching == CodeMatching.MaximumMeanDiscrepancy ? MmdWeight : AdversarialWeight,
                                       Architecture(inputSize), PriorComponents, CodeMatching, PriorSpread, GradientPenalty);

        internal override ModelCapabilities Capabilities => base.Capabilities | ModelCapabilities.Sample;

        internal override string FamilyName => "adversarial autoencoder";

        internal override void Validate()
        {
            base.Validate();
            Check.FiniteNonNegative(AdversarialWeight, nameof(AdversarialWeight), "The adversarial weight");
            Check.FiniteNonNegative(GradientPenalty, nameof(GradientPenalty), "The gradient penalty");
            Check.FiniteNonNegative(MmdWeight, nameof(MmdWeight), "The MMD weight");
            if (!Enum.IsDefined(CodeMatching))
                throw new ArgumentOutOfRangeException(nameof(CodeMatching), CodeMatching, "Unknown code matching.");
            if (PriorSpread is double spread && !(spread > 0 && spread <= 1))
                throw new ArgumentOutOfRangeException(nameof(PriorSpread), spread, "The prior spread (a component's sd over the gap between centres) must be in (0, 1].");
            if (PriorComponents < 1)
                throw new ArgumentOutOfRangeException(nameof(PriorComponents), PriorComponents, "The prior needs at least one component (1 is N(0, I)).");
            if (PriorComponents > 1 && LatentSize is int latent && latent < 2)
                throw new ArgumentOutOfRangeException(nameof(PriorComponents), PriorComponents,
                    $"A mixture prior needs a latent size of at least 2 (LatentSize is {latent}).");
        }
    }
}

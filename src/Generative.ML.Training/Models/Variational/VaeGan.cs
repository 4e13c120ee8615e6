using System;
using System.Collections.Generic;
using System.Globalization;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Networks;
using Generative.ML.Training.Objectives;
using Generative.ML.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// The VAE-GAN of the seeds: a VAE whose decoder also plays a GAN's generator. A discriminator on rows tells the
    /// data from reconstructions and from decoded prior draws; the VAE minimises its negative ELBO plus gamma * D times
    /// the non-saturating generator loss on both (D, the row's width, puts that term on the per-row scale of the ELBO's
    /// summed likelihood), and, optionally, a reconstruction error in the discriminator's feature space. Encoding,
    /// scoring and sampling are the VAE's.
    /// </summary>
    internal sealed class VaeGan : VariationalAutoencoder
    {
        readonly Discriminator discriminator;

        /// <param name="adversarialWeight">gamma: the generator loss's weight per feature.</param>
        /// <param name="featureMatchingWeight">The weight of ||D_features(x) - D_features(x~)||^2 per row; 0 leaves it out.</param>
        public VaeGan(long inputSize, long latentSize, NetworkArchitecture? architecture = null, VaeOptions? options = null,
                      double adversarialWeight = 0.1, double featureMatchingWeight = 0)
            : base(nameof(VaeGan), inputSize, latentSize, 0, architecture, options)
        {
            Check.FiniteNonNegative(adversarialWeight, nameof(adversarialWeight), "The adversarial weight");
            Check.FiniteNonNegative(featureMatchingWeight, nameof(featureMatchingWeight), "The feature-matching weight");
            AdversarialWeight = adversarialWeight;
            FeatureMatchingWeight = featureMatchingWeight;
            discriminator = new Discriminator(architecture ?? new MlpArchitecture(), inputSize);
            // The base class registered its components already, and RegisterComponents runs once per module.
            register_module("discriminator", discriminator);
        }


        /// <summary>The weight of the generator loss on the decoder.</summary>
        public double AdversarialWeight { get; }
        /// <summary>The weight of the reconstruction error in the discriminator's feature space.</summary>
        public double FeatureMatchingWeight { get; }

        /// <inheritdoc/>
        public override nn.Module? Adversary => discriminator;

        /// <inheritdoc/>
        public override LossTerms Loss(Tensor x, Tensor? condition, TrainingStep step)
        {
            CheckInput(x);
            using var scope = NewDisposeScope();
            var (mu, logvar) = EncodeDistribution(x);
            var output = DecodeParameters(Reparameterize(mu, logvar));
            var negativeLogLikelihood = -LogLikelihood(x, output);
            var kl = Objective.GaussianKl(mu, logvar);
            var beta = Options.Beta.At(step.EpochProgress);
            var kept = Objective.KeptRows(negativeLogLikelihood + beta * kl, step.TrimFraction);
            var reconstruction = Objective.MeanOver(negativeLogLikelihood, kept);
            var klMean = Objective.MeanOver(kl, kept);

            var reconstructed = Mean(output);
            var generated = Decode(RandomDraws.NormalLike(mu));
            var generator = 0.5 * (Adversarial.GeneratorLoss(discriminator.Logit(reconstructed)) + Adversarial.GeneratorLoss(discriminator.Logit(generated)));
            var total = reconstruction + beta * klMean + AdversarialWeight * InputSize * generator;
            var parts = new List<(string, Tensor)> {
                ("reconstruction", reconstruction.detach().MoveToOuterDisposeScope()), ("kl", klMean.detach().MoveToOuterDisposeScope()),
                ("generator", generator.detach().MoveToOuterDisposeScope()),
            };
            if (FeatureMatchingWeight > 0) {
                var featureError = (discriminator.Features(x).detach() - discriminator.Features(reconstructed)).square().sum(1L).mean();
                total = total + FeatureMatchingWeight * featureError;
                parts.Add(("feature_matching", featureError.detach().MoveToOuterDisposeScope()));
            }
            return new LossTerms(total.MoveToOuterDisposeScope(), parts);
        }

        /// <summary>The data is "real"; reconstructions and decoded prior draws are "fake".</summary>
        public override LossTerms AdversaryLoss(Tensor x, Tensor? condition, TrainingStep step)
        {
            CheckInput(x);
            using var scope = NewDisposeScope();
            Tensor reconstructed, generated;
            using (no_grad()) {
                var (mu, logvar) = EncodeDistribution(x);
                reconstructed = Decode(Reparameterize(mu, logvar));
                generated = Decode(RandomDraws.NormalLike(mu));
            }
            var loss = Adversarial.DiscriminatorLoss(discriminator.Logit(x), discriminator.Logit(reconstructed), discriminator.Logit(generated));
            return new LossTerms(loss.MoveToOuterDisposeScope(), new List<(string, Tensor)> { ("discriminator", loss.detach().MoveToOuterDisposeScope()) });
        }

        Tensor Mean(Tensor output) => Options.Likelihood == Likelihood.Bernoulli ? output.sigmoid() : output.alias();

        internal override void AddExportMetadata(IDictionary<string, string> metadata)
        {
            base.AddExportMetadata(metadata);
            metadata["adversarial_weight"] = AdversarialWeight.ToString("R", CultureInfo.InvariantCulture);
            metadata["feature_matching_weight"] = FeatureMatchingWeight.ToString("R", CultureInfo.InvariantCulture);
        }
    }
}

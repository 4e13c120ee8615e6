using System;
using System.Collections.Generic;
using System.Globalization;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Export;
using Generative.ML.Training.Networks;
using Generative.ML.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// The adversarial autoencoder of the seeds: a deterministic autoencoder whose codes h = f(x), taken together over
    /// the data (the aggregated posterior), are pushed towards the prior N(0, I) by a discriminator that tells prior
    /// draws from codes. The autoencoder minimises the reconstruction's mean squared error plus lambda times the
    /// non-saturating generator loss on its codes; new rows are g(z) for z ~ N(0, I).
    /// </summary>
    public sealed class AdversarialAutoencoder : Autoencoder
    {
        readonly Discriminator discriminator;

        /// <param name="adversarialWeight">lambda, the weight of fooling the code discriminator against reconstructing.</param>
        public AdversarialAutoencoder(long inputSize, long latentSize, double adversarialWeight = 1, NetworkArchitecture? architecture = null)
            : base(nameof(AdversarialAutoencoder), inputSize, latentSize, architecture)
        {
            if (!(adversarialWeight >= 0) || double.IsInfinity(adversarialWeight))
                throw new ArgumentOutOfRangeException(nameof(adversarialWeight), adversarialWeight, "The adversarial weight must be a finite number >= 0.");
            AdversarialWeight = adversarialWeight;
            discriminator = new Discriminator(CodeDiscriminatorArchitecture(latentSize), latentSize);
            // The base class registered its components already, and RegisterComponents runs once per module.
            register_module("discriminator", discriminator);
        }

        /// <summary>Two leaky-ReLU layers, wider for wider codes: the codes are small, whatever the data's networks are.</summary>
        internal static MlpArchitecture CodeDiscriminatorArchitecture(long latentSize)
        {
            var width = Math.Clamp(16 * latentSize, 64, 256);
            return new MlpArchitecture { HiddenSizes = new[] { width, width }, Activation = Activation.LeakyReLU };
        }

        public override ModelKind Kind => ModelKind.AdversarialAutoencoder;

        public double AdversarialWeight { get; }

        public override nn.Module? Adversary => discriminator;

        /// <summary>D(h): the logit of "h was drawn from the prior", per row.</summary>
        public Tensor PriorLogit(Tensor code) => discriminator.Logit(code);

        public override LossTerms Loss(Tensor x, Tensor? condition, TrainingStep step)
        {
            CheckInput(x);
            using var scope = NewDisposeScope();
            var h = encoder.Encode(x);
            var reconstruction = (decoder.Decode(h, null) - x).square().mean(new long[] { 1 });
            var kept = Objective.KeptRows(reconstruction, step.TrimFraction);
            var meanReconstruction = Objective.MeanOver(reconstruction, kept);
            var generator = Adversarial.GeneratorLoss(discriminator.Logit(h));
            var parts = new List<(string, Tensor)> {
                ("reconstruction", meanReconstruction.detach().MoveToOuterDisposeScope()), ("generator", generator.detach().MoveToOuterDisposeScope()),
            };
            return new LossTerms((meanReconstruction + AdversarialWeight * generator).MoveToOuterDisposeScope(), parts);
        }

        /// <summary>Prior draws are "real", the codes of the batch "fake".</summary>
        public override LossTerms AdversaryLoss(Tensor x, Tensor? condition, TrainingStep step)
        {
            CheckInput(x);
            using var scope = NewDisposeScope();
            Tensor h;
            using (no_grad()) h = encoder.Encode(x);
            var loss = Adversarial.DiscriminatorLoss(discriminator.Logit(randn_like(h)), discriminator.Logit(h));
            return new LossTerms(loss.MoveToOuterDisposeScope(), new List<(string, Tensor)> { ("discriminator", loss.detach().MoveToOuterDisposeScope()) });
        }

        /// <summary>Draws z ~ N(0, I) and decodes it: <paramref name="count"/> new rows.</summary>
        public Tensor Sample(long count)
        {
            if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The number of samples must be positive.");
            using var z = randn(count, LatentSize);
            return Decode(z);
        }

        internal override void AddExportMetadata(IDictionary<string, string> metadata)
        {
            base.AddExportMetadata(metadata);
            metadata["adversarial_weight"] = AdversarialWeight.ToString("R", CultureInfo.InvariantCulture);
            metadata["sampler"] = "z ~ N(0, I), decoded";
        }
    }
}

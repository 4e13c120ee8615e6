using System;
using System.Collections.Generic;
using System.Globalization;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Networks;
using Generative.ML.Training.Objectives;
using Generative.ML.Training.Onnx;
using Generative.ML.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// The adversarial autoencoder of the seeds: an autoencoder whose codes, taken together over the data (the aggregated
    /// posterior), are pushed towards the prior (N(0, I), or the paper's mixture of Gaussians: <see cref="CodeDistribution"/>)
    /// by a discriminator that tells prior draws from codes, kept smooth by the R1 gradient penalty. The
    /// encoder is the AAE paper's Gaussian posterior: h = f(x) is the code's mean, and training decodes and shows the
    /// discriminator z = h + exp(0.5 * s(h)) * eps, with a learned log-variance head s. The noise lets the codes of
    /// tight clusters fill the prior; with a deterministic code the decoder never learns what the prior's gaps between
    /// them mean, and decoded prior draws fall off the data. The autoencoder minimises the reconstruction's mean
    /// squared error plus lambda times the non-saturating generator loss on z; Encode gives h; new rows are g(z) for
    /// z drawn from the prior. With <see cref="CodeMatching.MaximumMeanDiscrepancy"/> there is no discriminator: the
    /// loss adds lambda times the MMD^2 between the batch's z and as many prior draws (the Wasserstein autoencoder).
    /// </summary>
    internal sealed class AdversarialAutoencoder : Autoencoder
    {
        readonly Discriminator? discriminator;
        readonly TorchSharp.Modules.Linear? spread;
        const double LogVarianceBound = 10;

        /// <param name="adversarialWeight">lambda, the weight of matching the prior (fooling the code discriminator, or the
        /// MMD) against reconstructing.</param>
        /// <param name="priorComponents">1 for the prior N(0, I); K >= 2 for a mixture of K Gaussians (<see cref="CodeDistribution"/>).</param>
        /// <param name="codeMatching">a code discriminator (the AAE paper), or the MMD (WAE-MMD).</param>
        /// <param name="priorSpread">a mixture component's sd over the gap between neighbouring centres; null: 1/5 for
        /// adversarial matching, 1/6 for the MMD (measured on the ring of 8: <see cref="DefaultSpread"/>).</param>
        /// <param name="gradientPenalty">gamma of the discriminator's R1 penalty (<see cref="Adversarial.GradientPenalty"/>);
        /// 0 turns it off. Unused with the MMD.</param>
        public AdversarialAutoencoder(long inputSize, long latentSize, double adversarialWeight = 1, NetworkArchitecture? architecture = null,
                                      int priorComponents = 1, CodeMatching codeMatching = CodeMatching.Adversarial, double? priorSpread = null,
                                      double gradientPenalty = DefaultGradientPenalty)
            : base(nameof(AdversarialAutoencoder), inputSize, latentSize, architecture)
        {
            CodeMatching = codeMatching;
            Prior = new CodeDistribution(latentSize, priorComponents, priorSpread ?? DefaultSpread(codeMatching));
            Check.FiniteNonNegative(gradientPenalty, nameof(gradientPenalty), "The gradient penalty");
            GradientPenalty = gradientPenalty;
            Check.FiniteNonNegative(adversarialWeight, nameof(adversarialWeight), "The adversarial weight");
            AdversarialWeight = adversarialWeight;
            // The base class registered its components already, and RegisterComponents runs once per module.
            if (codeMatching == CodeMatching.Adversarial) {
                discriminator = new Discriminator(CodeDiscriminatorArchitecture(latentSize), latentSize);
                register_module("discriminator", discriminator);
                spread = nn.Linear(latentSize, latentSize);
                register_module("spread", spread);
            }
        }

        /// <summary>Two leaky-ReLU layers, wider for wider codes: the codes are small, whatever the data's networks are.</summary>
        internal static MlpArchitecture CodeDiscriminatorArchitecture(long latentSize)
        {
            var width = Math.Clamp(16 * latentSize, 64, 256);
            return new MlpArchitecture { HiddenSizes = new[] { width, width }, Activation = Activation.LeakyReLU };
        }

        /// <summary>
        /// gamma = 1. On the ring of 8 with a mixture prior, the same discriminator without it ended at chance (loss
        /// 2 ln 2) while the codes were still measurably off the prior, and one seed of three put 38% of samples between
        /// the modes (the others 3.5-4.2%); with it, 3.6-4.6% over four seeds.
        /// </summary>
        public const double DefaultGradientPenalty = 1;

        /// <summary>
        /// A mixture component's default sd over the gap between centres. With a discriminator 1/5: at 1/4, 11-16% of
        /// samples fell off-mode (the shell one to three sds out decodes between modes); at 1/6 fewer did, but samples
        /// shrank further towards the mode centres. With the MMD 1/6.
        /// </summary>
        public static double DefaultSpread(CodeMatching codeMatching) => codeMatching == CodeMatching.Adversarial ? 1.0 / 5 : 1.0 / 6;


        /// <summary>It samples by decoding draws from the prior its codes were matched to.</summary>
        public override ModelCapabilities Capabilities => base.Capabilities | ModelCapabilities.Sample;

        /// <summary>The weight of the code-matching term (adversarial or MMD).</summary>
        public double AdversarialWeight { get; }

        /// <summary>How the codes are pushed towards the prior.</summary>
        public CodeMatching CodeMatching { get; }

        /// <summary>gamma of the code discriminator's R1 penalty: its loss adds gamma / 2 times E |grad D(prior draw)|^2.</summary>
        public double GradientPenalty { get; }

        /// <summary>The distribution the codes are pushed to, and new rows are decoded from.</summary>
        public CodeDistribution Prior { get; }

        /// <inheritdoc/>
        public override nn.Module? Adversary => discriminator;

        /// <summary>D(h): the logit of "h was drawn from the prior", per row (adversarial matching only).</summary>
        public Tensor PriorLogit(Tensor code) => Discriminator.Logit(code);

        Discriminator Discriminator => discriminator ??
            throw new InvalidOperationException("This adversarial autoencoder matches its codes to the prior by the MMD: it has no discriminator.");

        /// <summary>
        /// A draw of q(z | x): the code h plus noise of the learned spread. Many rows' draws show the aggregated posterior.
        /// MMD matching keeps the Wasserstein autoencoder's deterministic code, z = h: with noise, its encoder met the
        /// prior by noise alone (each cluster's h at a component's centre) and the decoder forgot the rows' detail.
        /// </summary>
        public Tensor DrawCode(Tensor x)
        {
            using var scope = NewDisposeScope();
            var h = encoder.Encode(x);
            if (spread is null) return h.MoveToOuterDisposeScope();
            var logvar = SoftBound.Apply(spread.call(h), LogVarianceBound);
            return (h + (0.5 * logvar).exp() * RandomDraws.NormalLike(h)).MoveToOuterDisposeScope();
        }

        /// <inheritdoc/>
        public override LossTerms Loss(Tensor x, Tensor? condition, TrainingStep step)
        {
            CheckInput(x);
            using var scope = NewDisposeScope();
            var z = DrawCode(x);
            var reconstruction = (decoder.Decode(z, null) - x).square().mean(new long[] { 1 });
            var kept = Objective.KeptRows(reconstruction, step.TrimFraction);
            var meanReconstruction = Objective.MeanOver(reconstruction, kept);
            // A batch of one row (an epoch's last, say) cannot estimate an MMD; it only reconstructs.
            var (name, matching) = discriminator is not null ? ("generator", Adversarial.GeneratorLoss(discriminator.Logit(z)))
                : z.shape[0] >= 2 ? ("mmd", MaximumMeanDiscrepancy.Squared(z, Prior.Draw(z.shape[0], z.device)))
                : ("mmd", zeros(new long[0], device: z.device));
            var parts = new List<(string, Tensor)> {
                ("reconstruction", meanReconstruction.detach().MoveToOuterDisposeScope()), (name, matching.detach().MoveToOuterDisposeScope()),
            };
            return new LossTerms((meanReconstruction + AdversarialWeight * matching).MoveToOuterDisposeScope(), parts);
        }

        /// <summary>Prior draws are "real", the batch's codes "fake".</summary>
        public override LossTerms AdversaryLoss(Tensor x, Tensor? condition, TrainingStep step)
        {
            CheckInput(x);
            using var scope = NewDisposeScope();
            Tensor z;
            using (no_grad()) z = DrawCode(x);
            var prior = Prior.Draw(z.shape[0], z.device).requires_grad_(GradientPenalty > 0);
            var priorLogits = Discriminator.Logit(prior);
            var game = Adversarial.DiscriminatorLoss(priorLogits, Discriminator.Logit(z));
            var parts = new List<(string, Tensor)> { ("discriminator", game.detach().MoveToOuterDisposeScope()) };
            if (GradientPenalty == 0) return new LossTerms(game.MoveToOuterDisposeScope(), parts);
            var penalty = Adversarial.GradientPenalty(priorLogits, prior);
            parts.Add(("gradient_penalty", penalty.detach().MoveToOuterDisposeScope()));
            return new LossTerms((game + GradientPenalty / 2 * penalty).MoveToOuterDisposeScope(), parts);
        }

        /// <summary>Draws z from the prior and decodes it: <paramref name="count"/> new rows.</summary>
        public Tensor Sample(long count)
        {
            if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The number of samples must be positive.");
            using var z = Prior.Draw(count);
            return Decode(z);
        }

        internal override long SamplerNoiseSize => Prior.Components == 1 ? LatentSize : LatentSize + 1;

        internal override string EmitSamplerLatent(OnnxGraphBuilder graph, string noise) => Prior.Emit(graph, noise, "prior");

        internal override void AddExportMetadata(IDictionary<string, string> metadata)
        {
            base.AddExportMetadata(metadata);
            metadata["adversarial_weight"] = AdversarialWeight.ToString("R", CultureInfo.InvariantCulture);
            metadata["prior_components"] = Prior.Components.ToString(CultureInfo.InvariantCulture);
            metadata["code_matching"] = CodeMatching.ToString();
            if (discriminator is not null) metadata["gradient_penalty"] = GradientPenalty.ToString("R", CultureInfo.InvariantCulture);
            metadata["sampler"] = $"z ~ {Prior}, decoded";
        }
    }
}

using System;
using System.Collections.Generic;
using Generative.ML.Graphs;
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
    /// The GAN of the seeds: a generator G(z), z ~ N(0, I), shaped like a decoder, and a discriminator D(x) shaped like
    /// an encoder, trained in alternating steps with separate optimizers: D on the minimax objective, G on the
    /// non-saturating loss -E log D(G(z)). It has no encoder, so it neither encodes nor reconstructs; it samples, and
    /// scores a row by how unreal its discriminator finds it (-logit D(x)).
    /// </summary>
    internal sealed class GenerativeAdversarialNetwork : GenerativeModel
    {
        readonly Decoder generator;
        readonly Discriminator discriminator;

        /// <summary>A generator from <paramref name="latentSize"/> noise values to rows, and its discriminator.</summary>
        public GenerativeAdversarialNetwork(long inputSize, long latentSize, NetworkArchitecture? architecture = null)
            : base(nameof(GenerativeAdversarialNetwork), inputSize, latentSize, conditionSize: 0)
        {
            architecture ??= new MlpArchitecture();
            generator = new Decoder(architecture, latentSize, 0, inputSize);
            discriminator = new Discriminator(architecture, inputSize);
            RegisterComponents();
        }


        /// <summary>A GAN has no encoder: it samples, and scores by its discriminator.</summary>
        public override ModelCapabilities Capabilities => ModelCapabilities.Sample | ModelCapabilities.Score;

        /// <inheritdoc/>
        public override nn.Module? Adversary => discriminator;

        /// <summary>G(z), [N, InputSize].</summary>
        public Tensor Generate(Tensor z) => generator.Decode(z, null);

        /// <summary><paramref name="count"/> new rows, G(z) for z ~ N(0, I).</summary>
        public Tensor Sample(long count)
        {
            if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The number of samples must be positive.");
            using var z = RandomDraws.Normal(new[] { count, LatentSize });
            return Generate(z);
        }

        /// <summary>-logit D(x) per row: higher when the discriminator finds the row less like the training data.</summary>
        public Tensor Unrealness(Tensor x)
        {
            CheckInput(x);
            using var logit = discriminator.Logit(x);
            return -logit;
        }

        /// <inheritdoc/>
        public override LossTerms Loss(Tensor x, Tensor? condition, TrainingStep step)
        {
            CheckInput(x);
            using var scope = NewDisposeScope();
            var loss = Adversarial.GeneratorLoss(discriminator.Logit(Generate(RandomDraws.Normal(new[] { x.shape[0], LatentSize }))));
            return new LossTerms(loss.MoveToOuterDisposeScope(), new List<(string, Tensor)> { ("generator", loss.detach().MoveToOuterDisposeScope()) });
        }

        /// <inheritdoc/>
        public override LossTerms AdversaryLoss(Tensor x, Tensor? condition, TrainingStep step)
        {
            CheckInput(x);
            using var scope = NewDisposeScope();
            Tensor fake;
            using (no_grad()) fake = Generate(RandomDraws.Normal(new[] { x.shape[0], LatentSize }));
            var loss = Adversarial.DiscriminatorLoss(discriminator.Logit(x), discriminator.Logit(fake));
            return new LossTerms(loss.MoveToOuterDisposeScope(), new List<(string, Tensor)> { ("discriminator", loss.detach().MoveToOuterDisposeScope()) });
        }

        internal override string LatentInputName => GraphContract.Latent;

        internal override string EmitDecoder(OnnxGraphBuilder graph, string z, string? condition) => generator.Emit(graph, z, null, "generator");

        /// <summary>The GAN's scorer is its discriminator, -logit D(x); it has no reconstruction.</summary>
        internal override ScorerNodes EmitScorer(OnnxGraphBuilder graph, string x, string? condition) =>
            ScorerNodes.ScoreOnly(graph.Node("Neg", "unrealness", discriminator.Emit(graph, x, "discriminator")));

        internal override void AddExportMetadata(IDictionary<string, string> metadata)
        {
            metadata["score"] = "discriminator: -logit D(x)";
            metadata["sampler"] = "z ~ N(0, I), generated";
        }
    }
}

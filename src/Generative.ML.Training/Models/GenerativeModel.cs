using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Training.Data;
using Generative.ML.Training.Export;
using Generative.ML.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// What every model of the family offers the trainer and the exporter: sizes, what it can do, a training loss, a
    /// decoder (or generator) and a scorer. Models with an encoder are <see cref="EncodingModel"/>s. Inputs are flat rows
    /// [N, InputSize] (images flattened channel-major).
    /// </summary>
    internal abstract class GenerativeModel : nn.Module
    {
        private protected GenerativeModel(string name, long inputSize, long latentSize, long conditionSize) : base(name)
        {
            if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "The input size must be positive.");
            if (latentSize <= 0) throw new ArgumentOutOfRangeException(nameof(latentSize), latentSize, "The latent size must be positive.");
            if (conditionSize < 0) throw new ArgumentOutOfRangeException(nameof(conditionSize), conditionSize, "The condition size cannot be negative.");
            InputSize = inputSize;
            LatentSize = latentSize;
            ConditionSize = conditionSize;
        }

        /// <summary>The model's kind, as written into the exported graphs' metadata: its type's name by default.</summary>
        public virtual string Kind => GetType().Name;

        /// <summary>What this model can do: encode, reconstruct, score, sample, take a condition.</summary>
        public abstract ModelCapabilities Capabilities { get; }
        /// <summary>Values per row.</summary>
        public long InputSize { get; }
        /// <summary>Size of the code or of z.</summary>
        public long LatentSize { get; }

        /// <summary>Values per row of the condition vector; 0 for unconditional models.</summary>
        public long ConditionSize { get; }

        /// <summary>Values per row of the scorer's contributions: one per feature, or one per table column for table models.</summary>
        internal virtual long ContributionWidth => InputSize;

        /// <summary>The training objective on a batch, averaged over its rows.</summary>
        public abstract LossTerms Loss(Tensor x, Tensor? condition, TrainingStep step);

        /// <summary>
        /// The adversarial models' discriminator: a network trained by an optimizer of its own on
        /// <see cref="AdversaryLoss"/>, one step before each of the model's steps. Null for the other models.
        /// </summary>
        public virtual nn.Module? Adversary => null;

        /// <summary>The discriminator's loss on a batch (adversarial models only); the model's own outputs in it are detached.</summary>
        public virtual LossTerms AdversaryLoss(Tensor x, Tensor? condition, TrainingStep step) =>
            throw new InvalidOperationException($"A {Kind} has no adversary (its Adversary is null): the trainer never asks it for an adversary loss.");

        /// <summary>Adam's beta1 for this model's optimizers: 0.5 for adversarial models, as GANs are usually trained.</summary>
        internal virtual double AdamBeta1 => Adversary is null ? 0.9 : 0.5;

        /// <summary>The parameters the model's own optimizer trains: all of them but the adversary's.</summary>
        internal IEnumerable<TorchSharp.Modules.Parameter> OwnParameters()
        {
            if (Adversary is null) return parameters();
            // Adversarial models keep their discriminator in a field of this name (the prefix of its parameters' names).
            const string prefix = "discriminator.";
            var own = named_parameters().Where(p => !p.name.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p.parameter).ToArray();
            if (own.Length + Adversary.parameters().Count() != parameters().Count())
                throw new InvalidOperationException($"A {Kind} must keep its adversary in a field named 'discriminator'.");
            return own;
        }

        /// <summary>
        /// Draws every weight afresh from <paramref name="seed"/>, with PyTorch's default initialisation for each layer:
        /// the same seed gives the same weights in any process, whatever was drawn before.
        /// </summary>
        public void InitializeWeights(long seed)
        {
            // One stream from the seed: the layers' weights, then whatever the model draws for its own parameters.
            using var generator = new Generator(unchecked((ulong)seed), CPU);
            InitialWeights.Draw(this, generator);
            using var _ = no_grad();
            using var draws = RandomDraws.From(generator);
            ResetOwnParameters();
        }

        /// <summary>Puts the parameters that belong to the model itself, not to its layers, back to their initial values.</summary>
        private protected virtual void ResetOwnParameters() { }

        /// <summary>How many noise values a row of the sampler graph needs.</summary>
        internal virtual long SamplerNoiseSize => LatentSize;

        /// <summary>The sampler graph's z from its noise input (N(0, 1) draws): the first LatentSize values, for a Gaussian prior.</summary>
        internal virtual string EmitSamplerLatent(OnnxGraphBuilder graph, string noise) =>
            graph.Node("Slice", "z", noise, graph.Int64s("z/starts", new[] { 0L }), graph.Int64s("z/ends", new[] { LatentSize }),
                       graph.Int64s("z/axes", new[] { 1L }));

        /// <summary>The name the decoder graph gives its latent input ("z", or "code" for plain autoencoders).</summary>
        internal abstract string LatentInputName { get; }

        /// <summary>The decoder graph: the mean of p(x | z[, condition]) (or the plain reconstruction).</summary>
        internal abstract string EmitDecoder(OnnxGraphBuilder graph, string z, string? condition);

        /// <summary>
        /// The scorer graph's values for x[, condition]; deterministic (no sampling). A model that does not reconstruct
        /// gives only its score (<see cref="ScorerNodes.ScoreOnly"/>).
        /// </summary>
        internal abstract ScorerNodes EmitScorer(OnnxGraphBuilder graph, string x, string? condition);

        /// <summary>
        /// Why this model's scorer cannot give <paramref name="score"/>, or null when it can. A model gives its own score,
        /// and the reconstruction error when it reconstructs; models with more (the VAE's ELBO) say so.
        /// </summary>
        internal virtual string? RefusesScore(AnomalyScoreKind score) => score switch {
            AnomalyScoreKind.Default => null,
            _ when !Capabilities.HasFlag(ModelCapabilities.Reconstruct) =>
                $"A {Kind} does not reconstruct: it scores by its own score (AnomalyScoreKind.Default), not by {score}.",
            AnomalyScoreKind.ReconstructionError => null,
            _ => $"A {Kind} has no ELBO: score it by its reconstruction error.",
        };

        /// <summary>
        /// The scorer's score for a <paramref name="score"/> beyond the own score and the reconstruction error, built on
        /// the scorer's <paramref name="nodes"/>; null where <paramref name="nodes"/> already hold it.
        /// </summary>
        internal virtual string? EmitScore(OnnxGraphBuilder graph, string x, AnomalyScoreKind score, ScorerNodes nodes, OnnxExportOptions options) => null;

        /// <summary>What the exported files' metadata says about this model beyond kind and sizes (at least "score").</summary>
        internal abstract void AddExportMetadata(IDictionary<string, string> metadata);

        /// <summary>Throws if the data does not fit the model; called by the trainer before any work.</summary>
        public virtual void CheckTrainingData(TrainingData data)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            if (data.FeatureCount != InputSize)
                throw new InvalidTrainingDataException($"The model takes rows of {InputSize} values; the data has {data.FeatureCount}.", nameof(data));
            if (data.ConditionCount != ConditionSize)
                throw new InvalidTrainingDataException(ConditionSize == 0
                    ? $"The model takes no condition; the data has {data.ConditionCount} condition values per row."
                    : $"The model takes a condition of {ConditionSize} values per row; the data has {data.ConditionCount}.", nameof(data));
        }

        private protected void CheckInput(Tensor x)
        {
            if (x.dim() != 2 || x.shape[1] != InputSize)
                throw new ArgumentException($"Expected rows of {InputSize} values, shape [N, {InputSize}]; got [{string.Join(", ", x.shape)}].", nameof(x));
        }
    }
}

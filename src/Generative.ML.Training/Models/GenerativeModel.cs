using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Training.Onnx;
using Generative.ML.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// What every model of the family offers the trainer and the exporter: sizes, what it can do, a training loss, a
    /// decoder (or generator) and a scorer. Models with an encoder are <see cref="EncodingModel"/>s. Inputs are flat rows
    /// [N, InputSize] (images flattened channel-major).
    /// </summary>
    internal abstract class GenerativeModel : TrainableModel
    {
        private protected GenerativeModel(string name, long inputSize, long latentSize, long conditionSize)
            : base(name, inputSize, latentSize, conditionSize) { }




        /// <summary>What this model can do: encode, reconstruct, score, sample, take a condition.</summary>
        public abstract ModelCapabilities Capabilities { get; }

        /// <summary>Values per row of the scorer's contributions: one per feature, or one per table column for table models.</summary>
        internal virtual long ContributionWidth => InputSize;








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


        private protected void CheckInput(Tensor x)
        {
            if (x.dim() != 2 || x.shape[1] != InputSize)
                throw new ArgumentException($"Expected rows of {InputSize} values, shape [N, {InputSize}]; got [{string.Join(", ", x.shape)}].", nameof(x));
        }
    }
}

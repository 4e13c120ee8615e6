using System;
using System.Collections.Generic;
using System.Globalization;
using Generative.ML.Graphs;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Networks;
using Generative.ML.Training.Objectives;
using Generative.ML.Training.Onnx;
using Generative.ML.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// The VQ-VAE of the seeds (and, with several stages, the residual VQ-VAE): z_e = f(x) is snapped to codebook
    /// vectors, z_q = quantise(z_e), and the decoder reconstructs x from z_q. The gradient passes the snap straight
    /// through (z_e + sg(z_q - z_e)). Loss per row: the reconstruction's mean squared error, the codebook loss
    /// ||sg(r_s) - q_s||^2 per stage, and beta * the commitment loss ||z_e - sg(z_q)||^2 (each a mean over its
    /// dimensions), averaged over the (kept) rows.
    /// </summary>
    internal sealed class VectorQuantizedAutoencoder : Autoencoder
    {
        readonly VectorQuantizer quantizer;

        /// <param name="codebookSize">K, the vectors per codebook.</param>
        /// <param name="stages">Quantiser stages: 1 for the VQ-VAE, more for the residual VQ-VAE.</param>
        /// <param name="commitmentWeight">beta, the weight of the commitment loss (0.25 in the VQ-VAE paper).</param>
        public VectorQuantizedAutoencoder(long inputSize, long latentSize, long codebookSize, long stages = 1, double commitmentWeight = 0.25,
                                          NetworkArchitecture? architecture = null)
            : base(nameof(VectorQuantizedAutoencoder), inputSize, latentSize, architecture)
        {
            Check.FiniteNonNegative(commitmentWeight, nameof(commitmentWeight), "The commitment weight");
            CommitmentWeight = commitmentWeight;
            quantizer = new VectorQuantizer(stages, codebookSize, latentSize);
            // The base class registered its components already, and RegisterComponents runs once per module.
            register_module("quantizer", quantizer);
        }

        /// <inheritdoc/>
        public override string Kind => Stages == 1 ? "VectorQuantizedAutoencoder" : "ResidualVectorQuantizedAutoencoder";

        /// <summary>It samples code combinations with the shares the training rows took them.</summary>
        public override ModelCapabilities Capabilities => base.Capabilities | ModelCapabilities.Sample;

        /// <summary>Codes per codebook.</summary>
        public long CodebookSize => quantizer.CodebookSize;
        /// <summary>Quantiser stages (residual quantisation above 1).</summary>
        public long Stages => quantizer.Stages;
        /// <summary>The weight that keeps the encoder's outputs near their codes.</summary>
        public double CommitmentWeight { get; }

        /// <summary>The quantiser: its codebooks, one per stage.</summary>
        public VectorQuantizer Quantizer => quantizer;

        /// <summary>How often each combination of codes took a training row (<see cref="FitCodePrior"/>); the sampler draws from it.</summary>
        public CodePrior? CodePrior { get; private set; }

        /// <summary>Counts the code combinations of <paramref name="data"/>'s rows, for sampling.</summary>
        public void FitCodePrior(TrainingData data) => CodePrior = CodePrior.Fit(this, data);

        private protected override void ResetOwnParameters() => quantizer.Reset();

        /// <summary>z_e = f(x), before quantisation.</summary>
        public Tensor EncodeContinuous(Tensor x)
        {
            CheckInput(x);
            return encoder.Encode(x);
        }

        /// <summary>The quantised code z_q = q_1 + ... + q_k of the first <paramref name="stages"/> stages (all when null), and the indices [N, k].</summary>
        public (Tensor quantized, Tensor indices) Quantize(Tensor x, long? stages = null)
        {
            using var scope = NewDisposeScope();
            var (quantized, indices, _) = quantizer.Quantize(EncodeContinuous(x), stages);
            return (quantized.MoveToOuterDisposeScope(), indices.MoveToOuterDisposeScope());
        }

        /// <summary>The quantised code z_q.</summary>
        public override Tensor Encode(Tensor x, Tensor? condition = null)
        {
            var (quantized, indices) = Quantize(x);
            indices.Dispose();
            return quantized;
        }

        /// <summary>decode(z_q) with the first <paramref name="stages"/> stages only: how much each stage adds.</summary>
        public Tensor ReconstructWithStages(Tensor x, long stages)
        {
            using var scope = NewDisposeScope();
            var (quantized, _) = Quantize(x, stages);
            return Decode(quantized).MoveToOuterDisposeScope();
        }

        /// <inheritdoc/>
        public override LossTerms Loss(Tensor x, Tensor? condition, TrainingStep step)
        {
            CheckInput(x);
            using var scope = NewDisposeScope();
            var ze = encoder.Encode(x);
            var (zq, _, codebook) = quantizer.Quantize(ze);
            var straightThrough = ze + (zq - ze).detach();
            var reconstruction = (decoder.Decode(straightThrough, null) - x).square().mean(new long[] { 1 });
            var commitment = (ze - zq.detach()).square().mean(new long[] { 1 });
            var perRow = reconstruction + codebook + CommitmentWeight * commitment;
            var kept = Objective.KeptRows(perRow, step.TrimFraction);
            var parts = new List<(string, Tensor)> {
                ("reconstruction", Objective.MeanOver(reconstruction, kept).detach().MoveToOuterDisposeScope()),
                ("codebook", Objective.MeanOver(codebook, kept).detach().MoveToOuterDisposeScope()),
                ("commitment", Objective.MeanOver(commitment, kept).detach().MoveToOuterDisposeScope()),
            };
            return new LossTerms(Objective.MeanOver(perRow, kept).MoveToOuterDisposeScope(), parts);
        }

        /// <summary>Perplexity of the code use on <paramref name="x"/> per stage: exp of the entropy of the codes' shares (K when all are used equally).</summary>
        public double[] Perplexity(Tensor x)
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var (_, indices) = Quantize(x);
            var result = new double[Stages];
            for (var s = 0; s < Stages; s++) {
                var shares = nn.functional.one_hot(indices[.., s], CodebookSize).to(ScalarType.Float64).mean(new long[] { 0 });
                result[s] = Math.Exp(-(shares * (shares + 1e-12).log()).sum().item<double>());
            }
            return result;
        }

        internal override IReadOnlyList<(string name, string value)> EmitEncoder(OnnxGraphBuilder graph, string x, string? condition)
        {
            var (quantized, indices) = quantizer.Emit(graph, encoder.Emit(graph, x, "encoder"), "quantizer");
            return new[] { (GraphContract.Code, quantized), (GraphContract.CodeIndices, indices) };
        }

        internal override long EncoderOutputSize(string name) => name == GraphContract.CodeIndices ? Stages : LatentSize;

        internal override ScorerNodes EmitScorer(OnnxGraphBuilder graph, string x, string? condition)
        {
            var (quantized, _) = quantizer.Emit(graph, encoder.Emit(graph, x, "encoder"), "quantizer");
            var reconstruction = decoder.Emit(graph, quantized, null, "decoder");
            var error = GraphMath.MeanSquaredError(graph, x, reconstruction, "reconstruction_error");
            var shares = GraphMath.SquaredErrorShares(graph, x, reconstruction, InputSize, "error_shares");
            return new ScorerNodes(reconstruction, error, null, error, shares, null, quantized);
        }

        /// <summary>The sampler's z: a code combination drawn from the empirical prior, by the first noise value's normal quantile.</summary>
        internal override string EmitSamplerLatent(OnnxGraphBuilder graph, string noise)
        {
            var prior = CodePrior ?? throw new InvalidOperationException("Sampling a VQ model draws from its training rows' codes: call FitCodePrior first.");
            return prior.Emit(graph, noise, "code_prior");
        }

        internal override void AddExportMetadata(IDictionary<string, string> metadata)
        {
            base.AddExportMetadata(metadata);
            metadata["codebook_size"] = CodebookSize.ToString(CultureInfo.InvariantCulture);
            metadata["quantizer_stages"] = Stages.ToString(CultureInfo.InvariantCulture);
            metadata["commitment_weight"] = CommitmentWeight.ToString("R", CultureInfo.InvariantCulture);
            if (CodePrior is not null) metadata["sampler"] = "empirical prior over the training rows' code combinations";
        }
    }
}

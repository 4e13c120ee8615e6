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
    /// The plain autoencoder of the seeds: h = f(x), r = g(h), trained on J = E ||x - g(f(x))||^2.
    /// The reconstruction loss is the mean squared error per element (averaged over rows and features).
    /// </summary>
    internal class Autoencoder : EncodingModel
    {
        private protected readonly CodeEncoder encoder;
        private protected readonly Decoder decoder;

        /// <param name="inputSize">Features per row.</param>
        /// <param name="latentSize">Size of the code h.</param>
        /// <param name="architecture">The networks; an <see cref="MlpArchitecture"/> with its defaults when null.</param>
        public Autoencoder(long inputSize, long latentSize, NetworkArchitecture? architecture = null)
            : this(nameof(Autoencoder), inputSize, latentSize, architecture) { }

        private protected Autoencoder(string name, long inputSize, long latentSize, NetworkArchitecture? architecture)
            : base(name, inputSize, latentSize, conditionSize: 0)
        {
            // The networks' builders validate the architecture against the input size before making any layer.
            architecture ??= new MlpArchitecture();
            encoder = new CodeEncoder(architecture, inputSize, latentSize);
            decoder = new Decoder(architecture, latentSize, 0, inputSize);
            RegisterComponents();
        }


        /// <summary>h = f(x)</summary>
        public override Tensor Encode(Tensor x, Tensor? condition = null)
        {
            CheckInput(x);
            return encoder.Encode(x);
        }

        /// <summary>r = g(h)</summary>
        public Tensor Decode(Tensor h) => decoder.Decode(h, null);

        /// <inheritdoc/>
        public override Tensor Reconstruct(Tensor x, Tensor? condition = null)
        {
            using var h = Encode(x, condition);
            return Decode(h);
        }

        /// <inheritdoc/>
        public override LossTerms Loss(Tensor x, Tensor? condition, TrainingStep step)
        {
            CheckInput(x);
            using var input = Corrupt(x);
            using var h = encoder.Encode(input);
            using var r = decoder.Decode(h, null);
            // The squared error per element, averaged over each row's features, then over the (kept) rows.
            using var perRow = Objective.MeanSquaredError(x, r);
            using var kept = Objective.KeptRows(perRow, step.TrimFraction);
            var reconstruction = Objective.MeanOver(perRow, kept);
            var parts = new List<(string, Tensor)> { ("reconstruction", reconstruction.detach()) };
            return new LossTerms(AddPenalty(reconstruction, h, parts), parts);
        }

        /// <summary>What the encoder sees in training; the clean input for the plain autoencoder.</summary>
        internal override IReadOnlyList<(string name, string value)> EmitEncoder(OnnxGraphBuilder graph, string x, string? condition) =>
            new[] { (GraphContract.Code, encoder.Emit(graph, x, "encoder")) };

        internal override string LatentInputName => GraphContract.Code;

        internal override string EmitDecoder(OnnxGraphBuilder graph, string z, string? condition) => decoder.Emit(graph, z, null, "decoder");

        /// <summary>The anomaly score of a plain autoencoder is its per-row reconstruction error.</summary>
        internal override ScorerNodes EmitScorer(OnnxGraphBuilder graph, string x, string? condition)
        {
            var code = encoder.Emit(graph, x, "encoder");
            var reconstruction = decoder.Emit(graph, code, null, "decoder");
            var error = GraphMath.MeanSquaredError(graph, x, reconstruction, "reconstruction_error");
            var shares = GraphMath.SquaredErrorShares(graph, x, reconstruction, InputSize, "error_shares");
            return new ScorerNodes(reconstruction, error, null, error, shares, null);
        }

        internal override void AddExportMetadata(IDictionary<string, string> metadata) => metadata["score"] = "reconstruction_error";

        private protected virtual Tensor Corrupt(Tensor x) => x.alias();

        /// <summary>Adds a penalty on the code to the loss (none for the plain autoencoder).</summary>
        private protected virtual Tensor AddPenalty(Tensor reconstruction, Tensor code, List<(string, Tensor)> parts) => reconstruction;
    }
}

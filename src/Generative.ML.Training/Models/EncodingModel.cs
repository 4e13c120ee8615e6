using System.Collections.Generic;
using Generative.ML.Training.Onnx;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// A model with an encoder: it encodes, reconstructs, and scores a row by how well it reconstructs it. Every model of
    /// the family but the GAN is one.
    /// </summary>
    internal abstract class EncodingModel : GenerativeModel
    {
        private protected EncodingModel(string name, long inputSize, long latentSize, long conditionSize)
            : base(name, inputSize, latentSize, conditionSize) { }

        /// <summary>Encode, reconstruct and score; sampling is for the models that say so.</summary>
        public override ModelCapabilities Capabilities =>
            ModelCapabilities.Encode | ModelCapabilities.Reconstruct | ModelCapabilities.Score
            | (ConditionSize > 0 ? ModelCapabilities.Condition : ModelCapabilities.None);

        /// <summary>The code (plain autoencoders) or the posterior mean (VAEs): deterministic, for downstream use.</summary>
        public abstract Tensor Encode(Tensor x, Tensor? condition = null);

        /// <summary>The deterministic reconstruction of x: decode(encode(x)).</summary>
        public abstract Tensor Reconstruct(Tensor x, Tensor? condition = null);

        /// <summary>The encoder graph's outputs (name, value) for x[, condition]; the exporter declares the inputs.</summary>
        internal abstract IReadOnlyList<(string name, string value)> EmitEncoder(OnnxGraphBuilder graph, string x, string? condition);

        /// <summary>The width of one of the encoder graph's outputs: LatentSize, unless a model says otherwise (code indices).</summary>
        internal virtual long EncoderOutputSize(string name) => LatentSize;
    }
}

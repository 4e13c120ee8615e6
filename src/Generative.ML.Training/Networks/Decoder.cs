using Generative.ML.Training.Architectures;
using Generative.ML.Training.Onnx;
using Generative.ML.Training.Onnx.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Generative.ML.Training.Networks
{
    /// <summary>
    /// The generative network g(z[, c]): an input layer that sees the code and the condition, then the architecture's
    /// decoder body. Its output is unbounded (a reconstruction, a Gaussian mean or Bernoulli logits).
    /// </summary>
    internal sealed class Decoder : nn.Module
    {
        readonly Linear input;
        readonly Sequential body;
        readonly long conditionSize;

        internal Decoder(NetworkArchitecture architecture, long latentSize, long conditionSize, long outputSize) : base(nameof(Decoder))
        {
            body = architecture.CreateDecoderBody(outputSize, out var width);
            input = nn.Linear(latentSize + conditionSize, width);
            this.conditionSize = conditionSize;
            RegisterComponents();
        }

        /// <summary>The decoder's output for each z (and condition).</summary>
        public Tensor Decode(Tensor z, Tensor? condition)
        {
            using var joined = Condition.Join(z, condition, conditionSize);
            using var h = input.call(joined);
            return body.call(h);
        }

        /// <summary>The same g(z[, c]) as ONNX nodes.</summary>
        internal string Emit(OnnxGraphBuilder graph, string z, string? condition, string scope)
        {
            var joined = GraphMath.Join(graph, z, condition, $"{scope}/join");
            var h = LayerEmitters.Emit(graph, input, joined, $"{scope}/input");
            return LayerEmitters.Emit(graph, body, h, $"{scope}/body");
        }
    }
}

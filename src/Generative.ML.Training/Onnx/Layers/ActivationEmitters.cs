using System;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Onnx;
using TorchSharp.Modules;

namespace Generative.ML.Training.Onnx.Layers
{
    internal sealed class ReLUEmitter : LayerEmitter<ReLU>
    {
        protected override string Emit(OnnxGraphBuilder graph, ReLU layer, string input, string scope) => graph.Node("Relu", scope, input);
    }

    internal sealed class LeakyReLUEmitter : LayerEmitter<LeakyReLU>
    {
        protected override string Emit(OnnxGraphBuilder graph, LeakyReLU layer, string input, string scope) =>
            graph.Node("LeakyRelu", scope, new[] { input }, OnnxGraphBuilder.Float("alpha", (float)layer.negative_slope));
    }

    internal sealed class TanhEmitter : LayerEmitter<Tanh>
    {
        protected override string Emit(OnnxGraphBuilder graph, Tanh layer, string input, string scope) => graph.Node("Tanh", scope, input);
    }

    internal sealed class SigmoidEmitter : LayerEmitter<Sigmoid>
    {
        protected override string Emit(OnnxGraphBuilder graph, Sigmoid layer, string input, string scope) => graph.Node("Sigmoid", scope, input);
    }

    /// <summary>The exact GELU, x * Phi(x) = 0.5 * x * (1 + erf(x / sqrt 2)): opset 17 has no Gelu operator.</summary>
    internal sealed class GELUEmitter : LayerEmitter<GELU>
    {
        protected override string Emit(OnnxGraphBuilder graph, GELU layer, string input, string scope)
        {
            var scaled = graph.Node("Div", scope, input, graph.Scalar($"{scope}/sqrt2", MathF.Sqrt(2)));
            var erf = graph.Node("Erf", scope, scaled);
            var onePlus = graph.Node("Add", scope, erf, graph.Scalar($"{scope}/one", 1));
            var times = graph.Node("Mul", scope, input, onePlus);
            return graph.Node("Mul", scope, times, graph.Scalar($"{scope}/half", 0.5f));
        }
    }

    /// <summary>
    /// softplus(beta x) / beta. Torch switches to the identity above its threshold; ONNX's Softplus does not, which
    /// differs by less than exp(-threshold) (2e-9 at the default 20).
    /// </summary>
    internal sealed class SoftplusEmitter : LayerEmitter<Softplus>
    {
        protected override string Emit(OnnxGraphBuilder graph, Softplus layer, string input, string scope)
        {
            if (layer.beta == 1) return graph.Node("Softplus", scope, input);
            var beta = graph.Scalar($"{scope}/beta", (float)layer.beta);
            var scaled = graph.Node("Mul", scope, input, beta);
            return graph.Node("Div", scope, graph.Node("Softplus", scope, scaled), beta);
        }
    }

    /// <summary>Identity adds nothing to the graph.</summary>
    internal sealed class IdentityEmitter : LayerEmitter<Identity>
    {
        protected override string Emit(OnnxGraphBuilder graph, Identity layer, string input, string scope) => input;
    }

    /// <summary>Dropout is the identity at inference.</summary>
    internal sealed class DropoutEmitter : LayerEmitter<SeededDropout>
    {
        protected override string Emit(OnnxGraphBuilder graph, SeededDropout layer, string input, string scope) => input;
    }
}

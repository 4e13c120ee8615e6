using Generative.ML.Training.Onnx;
using TorchSharp.Modules;

namespace Generative.ML.Training.Onnx.Layers
{
    /// <summary>y = x W^T + b as one Gemm with transB = 1 (W stays in torch's [out, in] layout).</summary>
    internal sealed class LinearEmitter : LayerEmitter<Linear>
    {
        protected override string Emit(OnnxGraphBuilder graph, Linear layer, string input, string scope)
        {
            var w = graph.Weight($"{scope}/weight", layer.weight);
            var inputs = layer.bias is null ? new[] { input, w } : new[] { input, w, graph.Weight($"{scope}/bias", layer.bias) };
            return graph.Node("Gemm", scope, inputs, OnnxGraphBuilder.Int("transB", 1));
        }
    }
}

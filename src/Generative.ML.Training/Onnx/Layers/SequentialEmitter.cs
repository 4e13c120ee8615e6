using Generative.ML.Training.Onnx;
using TorchSharp.Modules;

namespace Generative.ML.Training.Onnx.Layers
{
    /// <summary>A Sequential is its children, in order, each under its own name.</summary>
    internal sealed class SequentialEmitter : LayerEmitter<Sequential>
    {
        protected override string Emit(OnnxGraphBuilder graph, Sequential layer, string input, string scope)
        {
            var x = input;
            foreach (var (name, child) in layer.named_children()) x = LayerEmitters.Emit(graph, child, x, $"{scope}/{name}");
            return x;
        }
    }
}

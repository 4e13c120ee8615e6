using System;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Onnx;
using TorchSharp.Modules;

namespace Generative.ML.Training.Onnx.Layers
{
    /// <summary>Flatten from start_dim to the last axis, as ONNX's Flatten does.</summary>
    internal sealed class FlattenEmitter : LayerEmitter<Flatten>
    {
        protected override string Emit(OnnxGraphBuilder graph, Flatten layer, string input, string scope)
        {
            if (layer.end_dim != -1 || layer.start_dim < 1)
                throw new NotSupportedException($"The Flatten at '{scope}' spans dims {layer.start_dim}..{layer.end_dim}; only start_dim >= 1 through the last dim exports.");
            return graph.Node("Flatten", scope, new[] { input }, OnnxGraphBuilder.Int("axis", layer.start_dim));
        }
    }

    /// <summary>Unflatten of dim 1 of a [batch, n] tensor: a Reshape that keeps the batch (0) and spells out the rest.</summary>
    internal sealed class UnflattenEmitter : LayerEmitter<Unflatten>
    {
        protected override string Emit(OnnxGraphBuilder graph, Unflatten layer, string input, string scope)
        {
            if (layer.dim != 1)
                throw new NotSupportedException($"The Unflatten at '{scope}' splits dim {layer.dim}; only dim 1 of a [batch, n] tensor exports.");
            var shape = graph.Int64s($"{scope}/shape", new[] { 0L }.Concat(layer.unflattened_size).ToArray());
            return graph.Node("Reshape", scope, input, shape);
        }
    }

    /// <summary>The crop that completes a transposed convolution's per-axis output padding: a Slice of H and W.</summary>
    internal sealed class Crop2dEmitter : LayerEmitter<Crop2d>
    {
        protected override string Emit(OnnxGraphBuilder graph, Crop2d layer, string input, string scope) =>
            graph.Node("Slice", scope, input, graph.Int64s($"{scope}/starts", new[] { 0L, 0L }),
                       graph.Int64s($"{scope}/ends", new[] { layer.Height, layer.Width }), graph.Int64s($"{scope}/axes", new[] { 2L, 3L }));
    }
}

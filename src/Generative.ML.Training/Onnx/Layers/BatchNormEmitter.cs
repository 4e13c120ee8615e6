using System;
using Generative.ML.Training.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Generative.ML.Training.Onnx.Layers
{
    /// <summary>BatchNormalization in inference form: the running mean and variance, never batch statistics.</summary>
    internal sealed class BatchNormEmitter : LayerEmitter<BatchNorm>
    {
        protected override string Emit(OnnxGraphBuilder graph, BatchNorm layer, string input, string scope)
        {
            if (!layer.track_running_stats || layer.running_mean is null || layer.running_var is null)
                throw new NotSupportedException($"The batch norm at '{scope}' keeps no running statistics, so it has no inference form to export.");
            var n = layer.num_features;
            using var ones = layer.weight is null ? torch.ones(n) : null;
            using var zeros = layer.bias is null ? torch.zeros(n) : null;
            var scale = graph.Weight($"{scope}/weight", (Tensor?)layer.weight ?? ones!);
            var shift = graph.Weight($"{scope}/bias", (Tensor?)layer.bias ?? zeros!);
            var mean = graph.Weight($"{scope}/running_mean", layer.running_mean);
            var variance = graph.Weight($"{scope}/running_var", layer.running_var);
            return graph.Node("BatchNormalization", scope, new[] { input, scale, shift, mean, variance },
                              OnnxGraphBuilder.Float("epsilon", (float)layer.eps));
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using Generative.ML.Training.Onnx;
using Onnx;
using TorchSharp.Modules;

namespace Generative.ML.Training.Onnx.Layers
{
    /// <summary>Conv with torch's geometry; ONNX pads list the begin of every axis, then the end.</summary>
    internal sealed class Conv2dEmitter : LayerEmitter<Conv2d>
    {
        protected override string Emit(OnnxGraphBuilder graph, Conv2d layer, string input, string scope) =>
            graph.Node("Conv", scope, ConvolutionInputs.Of(graph, layer, input, scope), ConvolutionInputs.Geometry(layer).ToArray());
    }

    /// <summary>ConvTranspose with torch's geometry, including the output padding that fixes odd sizes.</summary>
    internal sealed class ConvTranspose2dEmitter : LayerEmitter<ConvTranspose2d>
    {
        protected override string Emit(OnnxGraphBuilder graph, ConvTranspose2d layer, string input, string scope)
        {
            var attributes = ConvolutionInputs.Geometry(layer).Append(OnnxGraphBuilder.Ints("output_padding", layer.output_padding));
            return graph.Node("ConvTranspose", scope, ConvolutionInputs.Of(graph, layer, input, scope), attributes.ToArray());
        }
    }

    internal static class ConvolutionInputs
    {
        public static string[] Of(OnnxGraphBuilder graph, Convolution layer, string input, string scope)
        {
            var w = graph.Weight($"{scope}/weight", layer.weight);
            return layer.bias is null ? new[] { input, w } : new[] { input, w, graph.Weight($"{scope}/bias", layer.bias) };
        }

        public static IEnumerable<AttributeProto> Geometry(Convolution layer)
        {
            var padding = layer.padding ?? new long[layer.kernel_size.Length];
            yield return OnnxGraphBuilder.Ints("kernel_shape", layer.kernel_size);
            yield return OnnxGraphBuilder.Ints("strides", layer.stride);
            yield return OnnxGraphBuilder.Ints("pads", padding.Concat(padding));
            yield return OnnxGraphBuilder.Ints("dilations", layer.dilation);
            yield return OnnxGraphBuilder.Int("group", layer.groups);
        }
    }
}

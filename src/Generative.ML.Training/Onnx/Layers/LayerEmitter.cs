using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Training.Onnx;
using TorchSharp;

namespace Generative.ML.Training.Onnx.Layers
{
    /// <summary>Writes the ONNX nodes of one torch layer type, in inference form; returns the name of the layer's output.</summary>
    internal interface ILayerEmitter
    {
        Type LayerType { get; }
        string Emit(OnnxGraphBuilder graph, torch.nn.Module layer, string input, string scope);
    }

    internal abstract class LayerEmitter<TLayer> : ILayerEmitter where TLayer : torch.nn.Module
    {
        public Type LayerType => typeof(TLayer);

        public string Emit(OnnxGraphBuilder graph, torch.nn.Module layer, string input, string scope) => Emit(graph, (TLayer)layer, input, scope);

        protected abstract string Emit(OnnxGraphBuilder graph, TLayer layer, string input, string scope);
    }

    /// <summary>
    /// Every emitter in this assembly, found by reflection: a new layer type needs one new emitter class and nothing else.
    /// A layer is handled by the emitter of its own type or of its nearest base type that has one.
    /// </summary>
    internal static class LayerEmitters
    {
        static readonly IReadOnlyDictionary<Type, ILayerEmitter> ByLayerType = typeof(ILayerEmitter).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.IsInterface && typeof(ILayerEmitter).IsAssignableFrom(t))
            .Select(t => (ILayerEmitter)Activator.CreateInstance(t)!)
            .ToDictionary(e => e.LayerType);

        public static string Emit(OnnxGraphBuilder graph, torch.nn.Module layer, string input, string scope)
        {
            for (var type = layer.GetType(); type is not null; type = type.BaseType)
                if (ByLayerType.TryGetValue(type, out var emitter)) return emitter.Emit(graph, layer, input, scope);
            throw new NotSupportedException($"The layer at '{scope}' is a {layer.GetType().Name}, which has no ONNX emitter.");
        }
    }
}

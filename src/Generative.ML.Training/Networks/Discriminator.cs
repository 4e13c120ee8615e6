using Generative.ML.Training.Architectures;
using Generative.ML.Training.Onnx;
using Generative.ML.Training.Onnx.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Generative.ML.Training.Networks
{
    /// <summary>
    /// D(v): the logit of "v is real" for a row v (a data row for GANs and VAE-GANs, a code for adversarial
    /// autoencoders). An encoder-shaped body, then one linear unit.
    /// </summary>
    internal sealed class Discriminator : nn.Module
    {
        readonly Sequential body;
        readonly Linear logit;

        internal Discriminator(NetworkArchitecture architecture, long inputSize) : base(nameof(Discriminator))
        {
            body = architecture.CreateEncoderBody(inputSize, out var features);
            logit = nn.Linear(features, 1);
            RegisterComponents();
        }

        /// <summary>The body's last hidden layer: the features a VAE-GAN can compare reconstructions in.</summary>
        public Tensor Features(Tensor v) => body.call(v);

        /// <summary>The logit per row, [N].</summary>
        public Tensor Logit(Tensor v)
        {
            using var scope = NewDisposeScope();
            return logit.call(Features(v)).squeeze(1).MoveToOuterDisposeScope();
        }

        /// <summary>The logit per row as ONNX nodes, [batch].</summary>
        internal string Emit(OnnxGraphBuilder graph, string v, string scope)
        {
            var features = LayerEmitters.Emit(graph, body, v, $"{scope}/body");
            var column = LayerEmitters.Emit(graph, logit, features, $"{scope}/logit");
            return graph.Node("Squeeze", scope, column, graph.Int64s($"{scope}/axis1", new[] { 1L }));
        }
    }
}

using Generative.ML.Training.Architectures;
using Generative.ML.Training.Onnx;
using Generative.ML.Training.Onnx.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Generative.ML.Training.Networks
{
    /// <summary>The deterministic encoder of the plain autoencoders: h = f(x).</summary>
    internal sealed class CodeEncoder : nn.Module
    {
        readonly Sequential body;
        readonly Linear code;

        internal CodeEncoder(NetworkArchitecture architecture, long inputSize, long latentSize) : base(nameof(CodeEncoder))
        {
            body = architecture.CreateEncoderBody(inputSize, out var features);
            code = nn.Linear(features, latentSize);
            RegisterComponents();
        }

        /// <summary>The code of each row.</summary>
        public Tensor Encode(Tensor x)
        {
            using var features = body.call(x);
            return code.call(features);
        }

        /// <summary>The same h = f(x) as ONNX nodes.</summary>
        internal string Emit(OnnxGraphBuilder graph, string x, string scope)
        {
            var features = LayerEmitters.Emit(graph, body, x, $"{scope}/body");
            return LayerEmitters.Emit(graph, code, features, $"{scope}/code");
        }
    }
}

using Generative.ML.Training.Architectures;
using Generative.ML.Training.Onnx;
using Generative.ML.Training.Onnx.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Generative.ML.Training.Networks
{
    /// <summary>
    /// The VAE's inference network q(z | x[, c]) = N(mu, diag(exp(logvar))): a shared body, then one linear head for
    /// the mean and one for the log-variance, each seeing the features and the condition.
    /// </summary>
    internal sealed class GaussianEncoder : nn.Module
    {
        readonly Sequential body;
        readonly Linear mu;
        readonly Linear logvar;
        readonly long conditionSize;
        readonly double logVarianceBound;

        internal GaussianEncoder(NetworkArchitecture architecture, long inputSize, long conditionSize, long latentSize, double logVarianceBound)
            : base(nameof(GaussianEncoder))
        {
            body = architecture.CreateEncoderBody(inputSize, out var features);
            mu = nn.Linear(features + conditionSize, latentSize);
            logvar = nn.Linear(features + conditionSize, latentSize);
            this.conditionSize = conditionSize;
            this.logVarianceBound = logVarianceBound;
            RegisterComponents();
        }

        /// <summary>The posterior mean and log-variance of each row.</summary>
        public (Tensor mu, Tensor logvar) Encode(Tensor x, Tensor? condition)
        {
            using var features = body.call(x);
            using var h = Condition.Join(features, condition, conditionSize);
            using var rawLogvar = logvar.call(h);
            return (mu.call(h), SoftBound.Apply(rawLogvar, logVarianceBound));
        }

        /// <summary>The same mu and log-variance as ONNX nodes.</summary>
        internal (string mu, string logvar) Emit(OnnxGraphBuilder graph, string x, string? condition, string scope)
        {
            var features = LayerEmitters.Emit(graph, body, x, $"{scope}/body");
            var h = GraphMath.Join(graph, features, condition, $"{scope}/join");
            var rawLogvar = LayerEmitters.Emit(graph, logvar, h, $"{scope}/logvar");
            return (LayerEmitters.Emit(graph, mu, h, $"{scope}/mu"), GraphMath.SoftBound(graph, rawLogvar, logVarianceBound, $"{scope}/logvar_bound"));
        }
    }
}

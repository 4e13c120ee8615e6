using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Generative.ML.Training.Networks
{
    /// <summary>
    /// Draws a network's weights afresh from a seed, with the distributions PyTorch's layer constructors use, so that
    /// the seed alone decides them whatever the process drew before.
    /// </summary>
    internal static class InitialWeights
    {
        /// <summary>
        /// PyTorch's reset_parameters of a (transposed) convolution, from <paramref name="generator"/>: the weight
        /// kaiming_uniform_(a = sqrt(5)), computed as libtorch does, and the bias uniform(+-1/sqrt(fan_in)), where fan_in
        /// is the weight's second dimension times the kernel's area (for a transposed convolution, its output channels).
        /// Drawn with the tensor's own uniform_: TorchSharp 0.107's nn.init.uniform_ given a generator does not draw from it.
        /// </summary>
        static void DrawConvolution(Convolution convolution, Generator generator)
        {
            var shape = convolution.weight!.shape;
            var fanIn = shape[1] * shape.Skip(2).Aggregate(1L, (a, b) => a * b);
            var gain = Math.Sqrt(2.0 / (1 + Math.Pow(Math.Sqrt(5), 2)));
            var bound = Math.Sqrt(3.0) * (gain / Math.Sqrt(fanIn));
            convolution.weight.uniform_(-bound, bound, generator);
            if (convolution.bias is not null) {
                var biasBound = 1 / Math.Sqrt(fanIn);
                convolution.bias.uniform_(-biasBound, biasBound, generator);
            }
        }

        public static void Draw(nn.Module network, Generator generator)
        {
            using var _ = no_grad();
            foreach (var (name, module) in network.named_modules()) {
                switch (module) {
                    case Linear linear:
                        // kaiming_uniform_(a = sqrt(5)) is uniform(+-1/sqrt(fan_in)); the bias has the same bound.
                        var bound = 1 / Math.Sqrt(linear.in_features);
                        linear.weight.uniform_(-bound, bound, generator);
                        if (linear.bias is not null) linear.bias.uniform_(-bound, bound, generator);
                        break;
                    case Convolution convolution:
                        DrawConvolution(convolution, generator);
                        break;
                    case NormBase norm:
                        norm.reset_parameters();
                        break;
                    case Sequential or Flatten or Unflatten or ReLU or LeakyReLU or GELU or Tanh or Identity or Dropout:
                        break;
                    default:
                        if (module.GetType().Assembly == typeof(InitialWeights).Assembly) break; // our own modules: their parts are listed too
                        throw new NotSupportedException($"The layer '{name}' is a {module.GetType().Name}, which has no initialiser.");
                }
            }
        }
    }
}

using System;
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
        public static void Draw(nn.Module network, long seed)
        {
            using var _ = no_grad();
            manual_seed(seed);
            foreach (var (name, module) in network.named_modules()) {
                switch (module) {
                    case Linear linear:
                        // kaiming_uniform_(a = sqrt(5)) is uniform(+-1/sqrt(fan_in)); the bias has the same bound.
                        var bound = 1 / Math.Sqrt(linear.in_features);
                        nn.init.uniform_(linear.weight, -bound, bound);
                        if (linear.bias is not null) nn.init.uniform_(linear.bias, -bound, bound);
                        break;
                    case Convolution convolution:
                        convolution.reset_parameters();
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

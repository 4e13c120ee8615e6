using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Architectures
{
    internal static class ActivationModules
    {
        public static nn.Module<Tensor, Tensor> Create(Activation activation) => activation switch {
            Activation.ReLU => nn.ReLU(),
            Activation.LeakyReLU => nn.LeakyReLU(0.01),
            Activation.GELU => nn.GELU(),
            Activation.Tanh => nn.Tanh(),
            Activation.Identity => nn.Identity(),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
        };
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Blocks
{
    /// <summary>
    /// A stack of Linear layers: input -> hidden[0] -> ... -> output, with the activation after every hidden layer
    /// (never after the last one: its output is a code, a mean or logits, whose range the model decides).
    /// </summary>
    public static class MlpBlock
    {
        public static TorchSharp.Modules.Sequential Create(long inputSize, IReadOnlyList<long> hiddenSizes, long outputSize, Activation activation)
        {
            if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "The input size must be positive.");
            if (outputSize <= 0) throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "The output size must be positive.");
            var bad = hiddenSizes.FirstOrDefault(h => h <= 0, 1);
            if (bad <= 0) throw new ArgumentOutOfRangeException(nameof(hiddenSizes), bad, "Every hidden size must be positive.");

            var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
            var width = inputSize;
            foreach (var h in hiddenSizes) {
                layers.Add(($"{layers.Count}", nn.Linear(width, h)));
                layers.Add(($"{layers.Count}", ActivationModules.Create(activation)));
                width = h;
            }
            layers.Add(($"{layers.Count}", nn.Linear(width, outputSize)));
            return nn.Sequential(layers);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Generative.ML.Training.Architectures
{
    /// <summary>
    /// Fully connected networks for vectors: the encoder goes input -> HiddenSizes[0] -> ... -> HiddenSizes[^1]; the
    /// decoder mirrors it. Each hidden layer is Linear, then optional batch norm, the activation, optional dropout.
    /// </summary>
    internal sealed class MlpArchitecture : NetworkArchitecture
    {
        /// <summary>Encoder widths from the input inwards. Empty: the encoder and decoder are single affine maps.</summary>
        public IReadOnlyList<long> HiddenSizes { get; init; } = new long[] { 128, 64 };

        /// <summary>The non-linearity between layers.</summary>
        public Activation Activation { get; init; } = Activation.ReLU;

        /// <summary>Batch normalisation after each hidden layer.</summary>
        public bool BatchNorm { get; init; }

        /// <summary>Dropout probability after each hidden activation; 0 turns dropout off.</summary>
        public double Dropout { get; init; }

        /// <inheritdoc/>
        public override void Validate(long inputSize)
        {
            if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "The input size must be positive.");
            if (HiddenSizes is null) throw new ArgumentNullException(nameof(HiddenSizes));
            var bad = HiddenSizes.FirstOrDefault(h => h <= 0, 1);
            if (bad <= 0) throw new ArgumentOutOfRangeException(nameof(HiddenSizes), bad, "Every hidden size must be positive.");
            if (double.IsNaN(Dropout) || Dropout < 0 || Dropout >= 1)
                throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "The dropout probability must be in [0, 1).");
        }

        internal override Sequential CreateEncoderBody(long inputSize, out long featureSize)
        {
            Validate(inputSize);
            var layers = new List<nn.Module<Tensor, Tensor>>();
            var width = inputSize;
            foreach (var h in HiddenSizes) {
                layers.Add(nn.Linear(width, h));
                AddHiddenTail(layers, h);
                width = h;
            }
            featureSize = width;
            return Named(layers);
        }

        internal override Sequential CreateDecoderBody(long outputSize, out long inputWidth)
        {
            Validate(outputSize);
            var layers = new List<nn.Module<Tensor, Tensor>>();
            var widths = HiddenSizes.Reverse().Append(outputSize).ToArray();
            inputWidth = widths[0];
            for (var i = 0; i + 1 < widths.Length; i++) {
                AddHiddenTail(layers, widths[i]);
                layers.Add(nn.Linear(widths[i], widths[i + 1]));
            }
            return Named(layers);
        }

        void AddHiddenTail(List<nn.Module<Tensor, Tensor>> layers, long width)
        {
            if (BatchNorm) layers.Add(nn.BatchNorm1d(width));
            layers.Add(ActivationModules.Create(Activation));
            if (Dropout > 0) layers.Add(new SeededDropout(Dropout));
        }

        internal static Sequential Named(IEnumerable<nn.Module<Tensor, Tensor>> layers) =>
            nn.Sequential(layers.Select((m, i) => (i.ToString(), m)));
    }
}

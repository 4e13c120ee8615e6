using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Training.Blocks;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// The plain autoencoder of the seeds: h = f(x), r = g(h), trained on J = E ||x - g(f(x))||^2.
    /// The loss is averaged over rows and input dimensions (mean squared error per element).
    /// </summary>
    public sealed class Autoencoder : nn.Module<Tensor, Tensor>
    {
        readonly TorchSharp.Modules.Sequential encoder;
        readonly TorchSharp.Modules.Sequential decoder;

        public long InputSize { get; }
        public long LatentSize { get; }

        /// <param name="inputSize">Features per row.</param>
        /// <param name="hiddenSizes">Encoder widths from the input inwards; the decoder mirrors them.</param>
        /// <param name="latentSize">Size of the code h.</param>
        /// <param name="activation">Non-linearity between layers.</param>
        public Autoencoder(long inputSize, IReadOnlyList<long> hiddenSizes, long latentSize, Activation activation = Activation.ReLU)
            : base(nameof(Autoencoder))
        {
            if (latentSize <= 0) throw new ArgumentOutOfRangeException(nameof(latentSize), latentSize, "The latent size must be positive.");
            InputSize = inputSize;
            LatentSize = latentSize;
            encoder = MlpBlock.Create(inputSize, hiddenSizes, latentSize, activation);
            decoder = MlpBlock.Create(latentSize, hiddenSizes.Reverse().ToArray(), inputSize, activation);
            RegisterComponents();
        }

        /// <summary>h = f(x)</summary>
        public Tensor Encode(Tensor x) => encoder.call(x);

        /// <summary>r = g(h)</summary>
        public Tensor Decode(Tensor h) => decoder.call(h);

        public override Tensor forward(Tensor x)
        {
            using var h = Encode(x);
            return Decode(h);
        }

        /// <summary>Mean squared reconstruction error, the training objective.</summary>
        public Tensor Loss(Tensor x)
        {
            using var r = forward(x);
            return nn.functional.mse_loss(r, x);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Training.Platform;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Generative.ML.Training.Architectures
{
    /// <summary>
    /// Convolutional networks for images stored as flat rows of Channels x Height x Width values (channel-major, as
    /// torch lays them out). Each encoder level is a 3x3 convolution with stride 2 and padding 1, which maps a side of
    /// n pixels to ceil(n / 2), so odd sides (7, 5, 3) work; the decoder undoes each level with a transposed
    /// convolution whose output padding (0 or 1 per axis; see <see cref="Crop2d"/>) restores the exact size, so 28x28,
    /// 8x8 and 9x4 round-trip.
    /// </summary>
    internal sealed class ConvArchitecture : NetworkArchitecture
    {
        internal const long Kernel = 3, Stride = 2, Padding = 1;

        /// <summary>Channels of the input image.</summary>
        public long Channels { get; init; } = 1;
        /// <summary>Height of the input image, in pixels.</summary>
        public long Height { get; init; }
        /// <summary>Width of the input image, in pixels.</summary>
        public long Width { get; init; }

        /// <summary>Output channels of each downsampling level, from the image inwards.</summary>
        public IReadOnlyList<long> ConvChannels { get; init; } = new long[] { 16, 32 };

        /// <summary>The non-linearity between layers.</summary>
        public Activation Activation { get; init; } = Activation.ReLU;

        /// <summary>Batch normalisation after each convolution but the decoder's last.</summary>
        public bool BatchNorm { get; init; }

        /// <summary>The side lengths (height, width) at the input of each level, then after the last one.</summary>
        internal IReadOnlyList<(long h, long w)> SpatialSizes()
        {
            var sizes = new List<(long, long)> { (Height, Width) };
            var (h, w) = (Height, Width);
            foreach (var _ in ConvChannels) {
                (h, w) = (Down(h), Down(w));
                sizes.Add((h, w));
            }
            return sizes;
        }

        static long Down(long n) => (n + 2 * Padding - Kernel) / Stride + 1;

        /// <inheritdoc/>
        public override void Validate(long inputSize)
        {
            if (Channels <= 0) throw new ArgumentOutOfRangeException(nameof(Channels), Channels, "The channel count must be positive.");
            if (Height <= 0) throw new ArgumentOutOfRangeException(nameof(Height), Height, "The image height must be positive.");
            if (Width <= 0) throw new ArgumentOutOfRangeException(nameof(Width), Width, "The image width must be positive.");
            if (ConvChannels is null || ConvChannels.Count == 0)
                throw new ArgumentException("At least one convolution level is needed.", nameof(ConvChannels));
            var bad = ConvChannels.FirstOrDefault(c => c <= 0, 1);
            if (bad <= 0) throw new ArgumentOutOfRangeException(nameof(ConvChannels), bad, "Every level needs a positive channel count.");
            if (Channels * Height * Width != inputSize)
                throw new ArgumentException(
                    $"Channels x Height x Width = {Channels} x {Height} x {Width} = {Channels * Height * Width}, but rows have {inputSize} values.",
                    nameof(inputSize));
            var sizes = SpatialSizes();
            for (var level = 0; level < ConvChannels.Count; level++) {
                var (h, w) = sizes[level];
                if (h == 1 && w == 1)
                    throw new ArgumentException(
                        $"A {Height}x{Width} image is down to 1x1 before level {level + 1} of {ConvChannels.Count}: use at most {level} levels.",
                        nameof(ConvChannels));
            }
        }

        internal override Sequential CreateEncoderBody(long inputSize, out long featureSize)
        {
            Validate(inputSize);
            ConvolutionGuard.Ensure(); // before anything can run these layers: libtorch's convolutions are right here, or made so
            var layers = new List<nn.Module<Tensor, Tensor>> { nn.Unflatten(1, new[] { Channels, Height, Width }) };
            var inChannels = Channels;
            foreach (var c in ConvChannels) {
                layers.Add(nn.Conv2d(inChannels, c, Kernel, stride: Stride, padding: Padding));
                if (BatchNorm) layers.Add(nn.BatchNorm2d(c));
                layers.Add(ActivationModules.Create(Activation));
                inChannels = c;
            }
            layers.Add(nn.Flatten(1));
            var (h, w) = SpatialSizes()[^1];
            featureSize = inChannels * h * w;
            return MlpArchitecture.Named(layers);
        }

        internal override Sequential CreateDecoderBody(long outputSize, out long inputWidth)
        {
            Validate(outputSize);
            ConvolutionGuard.Ensure();
            var sizes = SpatialSizes();
            var channels = new List<long> { Channels };
            channels.AddRange(ConvChannels);
            var levels = ConvChannels.Count;
            var (h0, w0) = sizes[levels];
            inputWidth = channels[levels] * h0 * w0;

            var layers = new List<nn.Module<Tensor, Tensor>> {
                ActivationModules.Create(Activation),
                nn.Unflatten(1, new[] { channels[levels], h0, w0 }),
            };
            for (var level = levels; level > 0; level--) {
                var (hIn, wIn) = sizes[level];
                var (hOut, wOut) = sizes[level - 1];
                // One output padding for both axes (TorchSharp 0.107 applies the first to both), then a crop where they differ.
                var outputPadding = Math.Max(OutputPadding(hIn, hOut), OutputPadding(wIn, wOut));
                layers.Add(nn.ConvTranspose2d(channels[level], channels[level - 1], Kernel, stride: Stride, padding: Padding,
                                              output_padding: outputPadding));
                if (OutputPadding(hIn, hOut) != OutputPadding(wIn, wOut)) layers.Add(new Crop2d(hOut, wOut));
                if (level > 1) {
                    if (BatchNorm) layers.Add(nn.BatchNorm2d(channels[level - 1]));
                    layers.Add(ActivationModules.Create(Activation));
                }
            }
            layers.Add(nn.Flatten(1));
            return MlpArchitecture.Named(layers);
        }

        // A transposed convolution maps n to (n - 1) * stride - 2 * padding + kernel + outputPadding.
        static long OutputPadding(long input, long target) => target - ((input - 1) * Stride - 2 * Padding + Kernel);
    }
}

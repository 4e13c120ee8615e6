using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Architectures
{
    /// <summary>
    /// Keeps the first Height x Width pixels of [N, C, H, W]. It stands in for a per-axis output padding: TorchSharp
    /// 0.107's ConvTranspose2d applies the first output padding to both axes, so the decoder pads both by the larger
    /// one and crops the axis that needed less. A transposed convolution's output padding only appends rows at the end,
    /// so the kept pixels are exactly those of the per-axis padding.
    /// </summary>
    internal sealed class Crop2d : nn.Module<Tensor, Tensor>
    {
        /// <summary>Keeps the top-left <paramref name="height"/> x <paramref name="width"/> pixels.</summary>
        public Crop2d(long height, long width) : base(nameof(Crop2d))
        {
            Height = height;
            Width = width;
        }

        /// <summary>Rows kept.</summary>
        public long Height { get; }
        /// <summary>Columns kept.</summary>
        public long Width { get; }

        /// <summary>The top-left Height x Width pixels of each [batch, channels, h, w] image.</summary>
        public override Tensor forward(Tensor x) => x.narrow(2, 0, Height).narrow(3, 0, Width);
    }
}

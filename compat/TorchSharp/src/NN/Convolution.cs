using System;
using static TorchSharp.torch;

namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>Shared parameters of the 2-D convolutions: weight, optional bias, PyTorch's default initialisation.</summary>
        public abstract class Convolution2dBase : nn.Module<Tensor, Tensor>
        {
            protected Convolution2dBase(string name, long[] weightShape, long biasSize, long fanIn, bool hasBias,
                                        long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding,
                                        long[] dilation, long[] outputPadding, long groups, bool transposed) : base(name)
            {
                (in_channels, out_channels, kernel_size, this.stride, this.padding) = (inChannels, outChannels, kernelSize, stride, padding);
                (this.dilation, output_padding, this.groups, this.transposed) = (dilation, outputPadding, groups, transposed);
                var bound = 1.0 / Math.Sqrt(fanIn);
                weight = nn.init.UniformParameter(weightShape, bound);
                if (hasBias) bias = nn.init.UniformParameter(new[] { biasSize }, bound);
                register_parameter("weight", weight);
                register_parameter("bias", bias);
            }

            public Parameter weight { get; }
            public Parameter? bias { get; }

            // Geometry, named as TorchSharp's Convolution names it (read-only in the stand-in).
            public long in_channels { get; }
            public long out_channels { get; }
            public bool transposed { get; }
            public long groups { get; }
            public long[] kernel_size { get; }
            public long[] stride { get; }
            public long[]? padding { get; }
            public long[] dilation { get; }
            public long[] output_padding { get; }

            protected static void CheckInput(Tensor input, long channels, string layer)
            {
                var shape = input.shape;
                if (shape.Length != 4 && shape.Length != 3)
                    throw new ArgumentException($"{layer} expects input of shape [N, C, H, W] or [C, H, W]; got [{string.Join(", ", shape)}].");
                if (shape[^3] != channels)
                    throw new ArgumentException($"{layer} expects {channels} input channels; got {shape[^3]} (input shape [{string.Join(", ", shape)}]).");
            }
        }

        public sealed class Conv2d : Convolution2dBase
        {
            internal Conv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding, long dilation, long groups, bool bias)
                : base(nameof(Conv2d), new[] { outChannels, inChannels / groups, kernelSize, kernelSize }, outChannels, inChannels / groups * kernelSize * kernelSize, bias,
                       inChannels, outChannels, new[] { kernelSize, kernelSize }, new[] { stride, stride }, new[] { padding, padding },
                       new[] { dilation, dilation }, new[] { 0L, 0L }, groups, transposed: false) { }

            public override Tensor forward(Tensor input)
            {
                CheckInput(input, in_channels, nameof(Conv2d));
                return nn.functional.conv2d(input, weight, bias, stride, padding, dilation, groups);
            }
        }

        public sealed class ConvTranspose2d : Convolution2dBase
        {
            internal ConvTranspose2d(long inChannels, long outChannels, (long, long) kernelSize, (long, long) stride, (long, long) padding,
                                     (long, long) outputPadding, (long, long) dilation, long groups, bool bias)
                : base(nameof(ConvTranspose2d), new[] { inChannels, outChannels / groups, kernelSize.Item1, kernelSize.Item2 }, outChannels,
                       outChannels / groups * kernelSize.Item1 * kernelSize.Item2, bias,
                       inChannels, outChannels, new[] { kernelSize.Item1, kernelSize.Item2 }, new[] { stride.Item1, stride.Item2 },
                       new[] { padding.Item1, padding.Item2 }, new[] { dilation.Item1, dilation.Item2 },
                       new[] { outputPadding.Item1, outputPadding.Item2 }, groups, transposed: true) { }

            public override Tensor forward(Tensor input)
            {
                CheckInput(input, in_channels, nameof(ConvTranspose2d));
                return nn.functional.conv_transpose2d(input, weight, bias, stride, padding!, output_padding, dilation, groups);
            }
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            static void CheckConv(long in_channels, long out_channels, long kernel_size, long stride, long padding, long dilation, long groups)
            {
                if (in_channels <= 0) throw new ArgumentOutOfRangeException(nameof(in_channels), in_channels, "in_channels must be positive.");
                if (out_channels <= 0) throw new ArgumentOutOfRangeException(nameof(out_channels), out_channels, "out_channels must be positive.");
                if (kernel_size <= 0) throw new ArgumentOutOfRangeException(nameof(kernel_size), kernel_size, "kernel_size must be positive.");
                if (stride <= 0) throw new ArgumentOutOfRangeException(nameof(stride), stride, "stride must be positive.");
                if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding), padding, "padding must not be negative.");
                if (dilation <= 0) throw new ArgumentOutOfRangeException(nameof(dilation), dilation, "dilation must be positive.");
                if (groups <= 0 || in_channels % groups != 0 || out_channels % groups != 0)
                    throw new ArgumentOutOfRangeException(nameof(groups), groups, "groups must divide both in_channels and out_channels.");
            }

            public static Modules.Conv2d Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0,
                                                long dilation = 1, PaddingModes padding_mode = PaddingModes.Zeros, long groups = 1,
                                                bool bias = true, Device? device = null, ScalarType? dtype = null)
            {
                RequireCpu(device);
                CheckConv(in_channels, out_channels, kernel_size, stride, padding, dilation, groups);
                return new Modules.Conv2d(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias);
            }

            public static Modules.ConvTranspose2d ConvTranspose2d(long in_channels, long out_channels, long kernel_size, long stride = 1,
                                                                  long padding = 0, long output_padding = 0, long dilation = 1,
                                                                  PaddingModes padding_mode = PaddingModes.Zeros, long groups = 1,
                                                                  bool bias = true, Device? device = null, ScalarType? dtype = null) =>
                ConvTranspose2d(in_channels, out_channels, (kernel_size, kernel_size), (stride, stride), (padding, padding),
                                (output_padding, output_padding), (dilation, dilation), padding_mode, groups, bias, device, dtype);

            /// <summary>Transposed convolution with per-axis (height, width) geometry.</summary>
            public static Modules.ConvTranspose2d ConvTranspose2d(long in_channels, long out_channels, (long, long) kernel_size, (long, long)? stride = null,
                                                                  (long, long)? padding = null, (long, long)? output_padding = null,
                                                                  (long, long)? dilation = null, PaddingModes padding_mode = PaddingModes.Zeros,
                                                                  long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null)
            {
                RequireCpu(device);
                var (s, p, op, d) = (stride ?? (1, 1), padding ?? (0, 0), output_padding ?? (0, 0), dilation ?? (1, 1));
                CheckConv(in_channels, out_channels, Math.Min(kernel_size.Item1, kernel_size.Item2), Math.Min(s.Item1, s.Item2),
                          Math.Min(p.Item1, p.Item2), Math.Min(d.Item1, d.Item2), groups);
                CheckOutputPadding(op.Item1, s.Item1, d.Item1);
                CheckOutputPadding(op.Item2, s.Item2, d.Item2);
                return new Modules.ConvTranspose2d(in_channels, out_channels, kernel_size, s, p, op, d, groups, bias);
            }

            static void CheckOutputPadding(long output_padding, long stride, long dilation)
            {
                if (output_padding < 0 || (output_padding >= stride && output_padding >= dilation))
                    throw new ArgumentOutOfRangeException(nameof(output_padding), output_padding,
                        "output_padding must be smaller than either stride or dilation.");
            }
        }
    }
}

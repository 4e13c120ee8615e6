using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Networks;
using Generative.ML.Training.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Platform
{
    /// <summary>
    /// After the convolution guard, every network the convolutional architecture builds computes in float32 what it
    /// computes in float64: its output, the gradient of its input and of every weight. libtorch 2.10's oneDNN fails this
    /// on virtual machines that hide their cache sizes (relative errors 0.3 to 1, or NaN), unless the guard switched it off.
    /// </summary>
    public class ConvolutionParityTests
    {
        const double Tolerance = 1e-4;

        public static IEnumerable<object[]> Shapes()
        {
            // channels, height, width, levels' channels, batch norm: the images the tests, samples and bench train on,
            // odd sides (output padding 0 and 1 on different axes), channel counts that are and are not multiples of 16.
            var shapes = new (long c, long h, long w, long[] levels, bool norm)[] {
                (1, 28, 28, new long[] { 16, 32 }, false),
                (1, 8, 8, new long[] { 16, 32 }, false),
                (1, 9, 4, new long[] { 16, 32 }, false),
                (3, 7, 5, new long[] { 20, 12 }, false),
                (2, 9, 9, new long[] { 8, 24, 40 }, true),
            };
            foreach (var threads in new[] { 1, 2 })
                foreach (var s in shapes) yield return new object[] { s.c, s.h, s.w, s.levels, s.norm, threads };
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public void Encoder_and_decoder_agree_with_float64_in_output_and_both_gradients(long channels, long height, long width, long[] levels,
                                                                                      bool batchNorm, int threads)
        {
            ConvolutionGuard.Ensure();
            var architecture = new ConvArchitecture { Channels = channels, Height = height, Width = width, ConvChannels = levels, BatchNorm = batchNorm };
            var callers = get_num_threads();
            set_num_threads(threads);
            try {
                using var encoder = architecture.CreateEncoderBody(channels * height * width, out var features);
                using var decoder = architecture.CreateDecoderBody(channels * height * width, out var decoderInput);
                AssertFloat64Parity(encoder, channels * height * width, "encoder");
                AssertFloat64Parity(decoder, decoderInput, "decoder");
            } finally {
                set_num_threads(callers);
            }
        }

        /// <summary>Runs the network in float32, then (same weights) in float64, and compares output, input gradient and weight gradients.</summary>
        internal static void AssertFloat64Parity(nn.Module<Tensor, Tensor> network, long width, string what)
        {
            using var scope = NewDisposeScope();
            using var generator = new Generator(3, CPU);
            InitialWeights.Draw(network, generator);
            var x = randn(new[] { 4, width }, generator: generator).requires_grad_(true);
            ConvolutionGuard.PoisonFreedMemory();
            var y = network.forward(x);
            var g = randn(y.shape, generator: generator);
            y.backward(new[] { g });
            var single = new List<(string name, Tensor value)> { ("output", y.detach()), ("input gradient", x.grad!.clone()) };
            single.AddRange(network.named_parameters().Select(p => ($"gradient of {p.name}", p.parameter.grad!.clone())));

            network.to(float64);
            foreach (var p in network.parameters()) p.grad = null;
            var x64 = x.detach().to(float64).requires_grad_(true);
            var y64 = network.forward(x64);
            y64.backward(new[] { g.to(float64) });
            var reference = new List<Tensor> { y64.detach(), x64.grad! };
            reference.AddRange(network.parameters().Select(p => p.grad!));

            // Relative to the reference's size, or to a hundredth of the largest gradient where that is more: a
            // convolution's bias before batch norm has a gradient of exactly 0 in theory, and of float32 rounding in practice.
            var gradientScale = reference.Skip(1).Max(r => r.abs().max().ToDouble());
            foreach (var ((name, a), r) in single.Zip(reference)) {
                var error = (a.to(float64) - r).abs().max().ToDouble() / Math.Max(r.abs().max().ToDouble(), 0.01 * gradientScale);
                Assert.True(error < Tolerance, $"The {what}'s {name} differs from float64 by {error:G3} (relative).");
            }
        }
    }
}

using System;
using System.Diagnostics;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Platform
{
    /// <summary>What the once-per-process check of libtorch's float32 convolutions found.</summary>
    /// <param name="WorstError">The largest relative error against float64 over the probes, as libtorch was loaded (NaN counts as failed).</param>
    /// <param name="OneDnnSwitchedOff">True when the probes failed with oneDNN and the guard switched it off for the process.</param>
    /// <param name="WorstErrorAfterSwitch">The same error measured again after the switch; null when no switch was needed.</param>
    /// <param name="Milliseconds">What the check cost.</param>
    internal sealed record ConvolutionCheck(double WorstError, bool OneDnnSwitchedOff, double? WorstErrorAfterSwitch, double Milliseconds)
    {
        /// <summary>One sentence for the user where the guard changed something; null on a healthy machine.</summary>
        public string? Notice => OneDnnSwitchedOff
            ? $"libtorch's oneDNN convolutions are wrong on this CPU (relative error {Format(WorstError)} against float64; known for oneDNN 3.7 on " +
              $"virtual machines that hide their cache sizes), so oneDNN is switched off for this process; libtorch's own convolutions agree to {Format(WorstErrorAfterSwitch!.Value)}."
            : null;

        static string Format(double error) => double.IsNaN(error) ? "NaN" : error.ToString("G2", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// libtorch 2.10 bundles oneDNN 3.7.1, which on some virtual machines (CPUID hiding the cache topology) computes wrong
    /// float32 convolutions whenever a channel count is not a multiple of 16: finite but wrong at first, NaN later, and
    /// nothing says so. Before the first convolution this library trains or runs, <see cref="Ensure"/> compares a few
    /// small convolutions, transposed ones and their gradients with float64 once per process; where they disagree it
    /// switches oneDNN (and NNPACK) off for the process and checks again. Matrix products (Linear) do not go through
    /// oneDNN in float32 and were right on such a machine, so they are not probed.
    /// </summary>
    internal static class ConvolutionGuard
    {
        /// <summary>Float32 against float64 on these sizes: right is ~1e-6, the bug gives 0.3 to 1 or NaN.</summary>
        public const double Tolerance = 1e-4;

        static readonly Lazy<ConvolutionCheck> _check = new(Run);

        /// <summary>Runs the check on first call (a few milliseconds) and returns its result afterwards.</summary>
        /// <exception cref="NativeKernelException">The convolutions are wrong and switching oneDNN off did not make them right.</exception>
        public static ConvolutionCheck Ensure() => _check.Value;

        static ConvolutionCheck Run()
        {
            var clock = Stopwatch.StartNew();
            var before = WorstError();
            if (before < Tolerance) return new ConvolutionCheck(before, false, null, clock.Elapsed.TotalMilliseconds);
            if (!LibTorchContext.IsAvailable)
                throw new NativeKernelException(
                    $"libtorch's float32 convolutions are wrong on this machine (relative error {before:G2} against float64), and this libtorch build " +
                    "exports no switch to turn oneDNN off. Training a convolutional model here would give a wrong model.");
            LibTorchContext.OneDnnEnabled = false;
            // NNPACK is the next candidate for some forward convolutions; libtorch's own kernels are the ones checked here.
            LibTorchContext.NnpackEnabled = false;
            var after = WorstError();
            if (!(after < Tolerance))
                throw new NativeKernelException(
                    $"libtorch's float32 convolutions are wrong on this machine (relative error {before:G2} against float64 with oneDNN, " +
                    $"{after:G2} with oneDNN switched off). Training a convolutional model here would give a wrong model.");
            var check = new ConvolutionCheck(before, true, after, clock.Elapsed.TotalMilliseconds);
            Trace.TraceWarning(check.Notice);
            return check;
        }

        /// <summary>
        /// The probes: shapes that reach oneDNN's padded 16-channel layouts from every side (input channels % 16 != 0 for
        /// the forward pass, output channels % 16 != 0 for the input gradient), plain and transposed, with output padding.
        /// </summary>
        static readonly (bool transposed, long batch, long inChannels, long outChannels, long height, long width, long outputPadding)[] Probes = {
            (false, 2, 20, 32, 9, 9, 0),
            (false, 2, 32, 20, 5, 5, 0),
            (false, 2, 1, 16, 8, 8, 0),
            (true, 2, 4, 1, 3, 4, 1),
            (true, 2, 32, 20, 5, 4, 1),
        };

        /// <summary>The largest relative error of output, input gradient and weight gradient over the probes (NaN if any is NaN).</summary>
        internal static double WorstError()
        {
            using var scope = NewDisposeScope();
            using var grad = enable_grad();
            using var generator = new Generator(20261205, CPU);
            double worst = 0;
            foreach (var p in Probes) {
                PoisonFreedMemory();
                var x = randn(new[] { p.batch, p.inChannels, p.height, p.width }, generator: generator);
                var w = randn(p.transposed ? new[] { p.inChannels, p.outChannels, 3L, 3L } : new[] { p.outChannels, p.inChannels, 3L, 3L },
                              generator: generator);
                var single = Convolve(p.transposed, x, w, p.outputPadding, generator, out var g);
                var reference = Convolve(p.transposed, x.to(float64), w.to(float64), p.outputPadding, null, out _, g.to(float64));
                foreach (var (a, r) in single.Zip(reference)) {
                    var error = (a.to(float64) - r).abs().max().ToDouble() / Math.Max(r.abs().max().ToDouble(), double.Epsilon);
                    if (double.IsNaN(error)) return double.NaN;
                    worst = Math.Max(worst, error);
                }
            }
            return worst;
        }

        /// <summary>
        /// Leaves NaN in memory the allocator hands out next: the bug reads buffers oneDNN never wrote, which are right by
        /// luck where they hold zeros, and NaN then makes any such read show.
        /// </summary>
        internal static void PoisonFreedMemory()
        {
            foreach (var size in new long[] { 256, 1024, 4096, 16384, 65536 })
                using (full(size, float.NaN)) { }
        }

        /// <summary>Output, input gradient and weight gradient of one stride-2, padding-1, 3x3 convolution.</summary>
        static Tensor[] Convolve(bool transposed, Tensor x, Tensor w, long outputPadding, Generator? generator, out Tensor outputGradient,
                                 Tensor? givenGradient = null)
        {
            x = x.detach().requires_grad_(true);
            w = w.detach().requires_grad_(true);
            var stride = new long[] { 2, 2 };
            var padding = new long[] { 1, 1 };
            var y = transposed
                ? nn.functional.conv_transpose2d(x, w, strides: stride, padding: padding, output_padding: new[] { outputPadding, outputPadding })
                : nn.functional.conv2d(x, w, strides: stride, padding: padding);
            outputGradient = givenGradient ?? randn(y.shape, generator: generator);
            y.backward(new[] { outputGradient });
            return new[] { y.detach(), x.grad!, w.grad! };
        }
    }
}

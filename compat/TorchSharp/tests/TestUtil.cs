using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchSharp.Tests
{
    internal static class TestUtil
    {
        public static float[] F(Tensor t) => t.data<float>().ToArray();
        public static double[] D(Tensor t) => t.data<double>().ToArray();

        public static void Close(double[] expected, double[] actual, double tol, string what = "")
        {
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * (1 + Math.Abs(expected[i])),
                    $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }

        public static void Close(float[] expected, float[] actual, double tol, string what = "") =>
            Close(expected.Select(x => (double)x).ToArray(), actual.Select(x => (double)x).ToArray(), tol, what);

        /// <summary>
        /// Checks autograd against central finite differences, in float64: for every input element, (f(x+h) - f(x-h)) / 2h.
        /// f must return a scalar tensor.
        /// </summary>
        public static void CheckGradient(Func<Tensor[], Tensor> f, params Tensor[] inputs)
        {
            const double h = 1e-6;
            foreach (var x in inputs) x.requires_grad = true;
            using (var y = f(inputs)) y.backward();
            for (var k = 0; k < inputs.Length; k++) {
                using var gradT = inputs[k].grad!;
                var analytic = gradT.data<double>().ToArray();
                var numeric = new double[analytic.Length];
                using (no_grad()) {
                    using var acc = inputs[k].data<double>();
                    for (var i = 0; i < numeric.Length; i++) {
                        var orig = acc[i];
                        acc[i] = orig + h;
                        double up, down;
                        using (var y = f(inputs)) up = y.ToDouble();
                        acc[i] = orig - h;
                        using (var y = f(inputs)) down = y.ToDouble();
                        acc[i] = orig;
                        numeric[i] = (up - down) / (2 * h);
                    }
                }
                Close(numeric, analytic, 1e-5, $"d/dinput{k}");
            }
        }

        public static Tensor RandD(Generator g, params long[] shape) => randn(shape, ScalarType.Float64, generator: g);
    }
}

using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.Tests.TestUtil;

namespace TorchSharp.Tests
{
    /// <summary>Each optimizer against steps computed by hand from the published update rules.</summary>
    public class OptimizerTests
    {
        // The loss sum(g * p) has the constant gradient g, so each step's update is known in closed form.
        static void Step(optim.Optimizer opt, Parameter p, Tensor g)
        {
            opt.zero_grad();
            using var loss = (p * g).sum();
            loss.backward();
            opt.step();
        }

        static double[] AdamByHand(double[] p0, double[] g, int steps, double lr, double b1, double b2, double eps, double wd, bool decoupled)
        {
            var p = (double[])p0.Clone();
            var m = new double[p.Length];
            var v = new double[p.Length];
            for (var t = 1; t <= steps; t++)
                for (var i = 0; i < p.Length; i++) {
                    var grad = g[i];
                    if (wd != 0 && decoupled) p[i] *= 1 - lr * wd;
                    if (wd != 0 && !decoupled) grad += wd * p[i];
                    m[i] = b1 * m[i] + (1 - b1) * grad;
                    v[i] = b2 * v[i] + (1 - b2) * grad * grad;
                    var mHat = m[i] / (1 - Math.Pow(b1, t));
                    var denom = Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(b2, t)) + eps;
                    p[i] -= lr * mHat / denom;
                }
            return p;
        }

        [Theory]
        [InlineData(ScalarType.Float32, 0.0)]
        [InlineData(ScalarType.Float32, 0.1)]
        [InlineData(ScalarType.Float64, 0.1)]
        public void AdamMatchesHandComputedSteps(ScalarType dtype, double weightDecay)
        {
            var p0 = new[] { 0.5, -1.0, 2.0 };
            var g = new[] { 0.3, -2.0, 0.01 };
            using var init = tensor(p0).to_type(dtype);
            using var p = new Parameter(init);
            using var gt = tensor(g).to_type(dtype);
            using var opt = new Adam(new[] { p }, lr: 0.05, beta1: 0.8, beta2: 0.95, eps: 1e-6, weight_decay: weightDecay);
            for (var i = 0; i < 3; i++) Step(opt, p, gt);
            var expected = AdamByHand(p0, g, 3, 0.05, 0.8, 0.95, 1e-6, weightDecay, decoupled: false);
            using var got = p.to_type(ScalarType.Float64);
            Close(expected, D(got), dtype == ScalarType.Float32 ? 1e-6 : 1e-12);
        }

        [Fact]
        public void AdamWDecouplesWeightDecay()
        {
            var p0 = new[] { 1.0, -3.0 };
            var g = new[] { 0.5, 0.5 };
            using var p = new Parameter(tensor(p0));
            using var gt = tensor(g);
            using var opt = optim.AdamW(new[] { p }, lr: 0.1, beta1: 0.9, beta2: 0.999, weight_decay: 0.5);
            for (var i = 0; i < 4; i++) Step(opt, p, gt);
            Close(AdamByHand(p0, g, 4, 0.1, 0.9, 0.999, 1e-8, 0.5, decoupled: true), D(p), 1e-12);
        }

        [Fact]
        public void AdamFactoryKeepsTorchSharpsDefaultBeta2()
        {
            // TorchSharp's optim.Adam(...) defaults beta2 to 0.99, unlike PyTorch's 0.999: mirrored, so product code passes it.
            var p0 = new[] { 1.0 };
            var g = new[] { 1.0 };
            using var p = new Parameter(tensor(p0));
            using var gt = tensor(g);
            using var opt = optim.Adam(new[] { p }, lr: 0.1);
            for (var i = 0; i < 3; i++) Step(opt, p, gt);
            Close(AdamByHand(p0, g, 3, 0.1, 0.9, 0.99, 1e-8, 0, false), D(p), 1e-12);
        }

        [Theory]
        [InlineData(0.0, 0.0, false, 0.0)]
        [InlineData(0.9, 0.0, false, 0.0)]
        [InlineData(0.9, 0.0, true, 0.01)]
        [InlineData(0.5, 0.1, false, 0.0)]
        public void SgdMatchesHandComputedSteps(double momentum, double dampening, bool nesterov, double wd)
        {
            var p0 = new[] { 1.0, -2.0 };
            var g = new[] { 0.5, -1.0 };
            const double lr = 0.1;
            using var p = new Parameter(tensor(p0));
            using var gt = tensor(g);
            using var opt = optim.SGD(new[] { p }, lr, momentum, dampening, wd, nesterov);
            var expected = (double[])p0.Clone();
            var buf = new double[2];
            for (var t = 0; t < 3; t++) {
                Step(opt, p, gt);
                for (var i = 0; i < 2; i++) {
                    var d = g[i] + wd * expected[i];
                    if (momentum != 0) {
                        buf[i] = t == 0 ? d : momentum * buf[i] + (1 - dampening) * d;
                        d = nesterov ? d + momentum * buf[i] : buf[i];
                    }
                    expected[i] -= lr * d;
                }
            }
            Close(expected, D(p), 1e-12);
        }

        [Fact]
        public void ZeroGradResetsAccumulation()
        {
            using var p = new Parameter(tensor(new[] { 1.0, 2.0 }));
            using var opt = optim.SGD(new[] { p }, 0.1);
            for (var i = 0; i < 2; i++) {
                using var l = (p * 3).sum();
                l.backward();
            }
            Assert.Equal(new[] { 6.0, 6.0 }, D(p.grad!));
            opt.zero_grad();
            Assert.Equal(new[] { 0.0, 0.0 }, D(p.grad!));
        }

        [Fact]
        public void ClipGradNormScalesToTheLimitAndReturnsTheNorm()
        {
            using var a = new Parameter(tensor(new[] { 0.0, 0.0 }));
            using var b = new Parameter(tensor(new[] { 0.0 }));
            using (var l = (a * tensor(new[] { 3.0, 0.0 })).sum() + (b * tensor(new[] { 4.0 })).sum()) l.backward();
            var norm = nn.utils.clip_grad_norm_(new[] { a, b }, 1.0);
            Assert.Equal(5.0, norm, 9);
            Close(new[] { 0.6, 0.0 }, D(a.grad!), 1e-6);
            Close(new[] { 0.8 }, D(b.grad!), 1e-6);
            var norm2 = nn.utils.clip_grad_norm_(new[] { a, b }, 10.0);
            Assert.Equal(1.0, norm2, 5);
            Close(new[] { 0.6, 0.0 }, D(a.grad!), 1e-6);
        }

        [Fact]
        public void BadHyperParametersAreRejectedByName()
        {
            using var p = new Parameter(zeros(1));
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => optim.Adam(new[] { p }, lr: -1));
            Assert.Equal("lr", e.ParamName);
            e = Assert.Throws<ArgumentOutOfRangeException>(() => optim.Adam(new[] { p }, beta1: 1.0));
            Assert.Equal("beta1", e.ParamName);
            Assert.Throws<ArgumentException>(() => optim.Adam(Array.Empty<Parameter>()));
        }
    }
}

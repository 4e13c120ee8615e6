using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.Tests.TestUtil;

namespace TorchSharp.Tests
{
    public class TensorOpsTests
    {
        [Fact]
        public void CreationFromArrayKeepsShapeTypeAndValues()
        {
            using var t = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
            Assert.Equal(new long[] { 2, 3 }, t.shape);
            Assert.Equal(ScalarType.Float32, t.dtype);
            Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, F(t));
            Assert.Equal(2, t.ndim);
            Assert.Equal(6, t.numel());
        }

        [Fact]
        public void CreationCopiesTheArray()
        {
            var data = new float[] { 1, 2 };
            using var t = tensor(data);
            data[0] = 100;
            Assert.Equal(1f, t.data<float>()[0]);
        }

        [Fact]
        public void ZerosOnesFullAndArange()
        {
            using var z = zeros(2, 2);
            using var o = ones(3);
            using var f = full(new long[] { 2 }, 7.5);
            using var a = arange(0, 5, 2, ScalarType.Float32);
            Assert.All(F(z), v => Assert.Equal(0f, v));
            Assert.All(F(o), v => Assert.Equal(1f, v));
            Assert.All(F(f), v => Assert.Equal(7.5f, v));
            Assert.Equal(new float[] { 0, 2, 4 }, F(a));
        }

        [Fact]
        public void ElementWiseArithmeticMatchesHandValues()
        {
            using var a = tensor(new float[] { 1, 2, 4 });
            using var b = tensor(new float[] { 2, 0.5f, 4 });
            using var sum = a + b;
            using var diff = a - b;
            using var prod = a * b;
            using var quot = a / b;
            using var pw = a.pow(2);
            using var rsub = 1 - a;
            using var rdiv = 8 / a;
            using var alpha = a.add(b, 3);
            Assert.Equal(new float[] { 3, 2.5f, 8 }, F(sum));
            Assert.Equal(new float[] { -1, 1.5f, 0 }, F(diff));
            Assert.Equal(new float[] { 2, 1, 16 }, F(prod));
            Assert.Equal(new float[] { 0.5f, 4, 1 }, F(quot));
            Assert.Equal(new float[] { 1, 4, 16 }, F(pw));
            Assert.Equal(new float[] { 0, -1, -3 }, F(rsub));
            Assert.Equal(new float[] { 8, 4, 2 }, F(rdiv));
            Assert.Equal(new float[] { 7, 3.5f, 16 }, F(alpha));
        }

        [Fact]
        public void UnaryFunctionsMatchMath()
        {
            var xs = new[] { -1.5, -0.2, 0.3, 2.0 };
            using var x = tensor(xs);
            Close(xs.Select(Math.Exp).ToArray(), D(x.exp()), 1e-12, "exp");
            Close(xs.Select(v => 1 / (1 + Math.Exp(-v))).ToArray(), D(x.sigmoid()), 1e-12, "sigmoid");
            Close(xs.Select(Math.Tanh).ToArray(), D(x.tanh()), 1e-12, "tanh");
            Close(xs.Select(v => Math.Max(0, v)).ToArray(), D(x.relu()), 0, "relu");
            Close(xs.Select(Math.Abs).ToArray(), D(x.abs()), 0, "abs");
            Close(xs.Select(v => Math.Log(1 + Math.Exp(v))).ToArray(), D(nn.functional.softplus(x)), 1e-12, "softplus");
            Close(xs.Select(v => v > 0 ? v : 0.1 * v).ToArray(), D(nn.functional.leaky_relu(x, 0.1)), 1e-12, "leaky_relu");
            using var pos = x.abs();
            Close(xs.Select(v => Math.Log(Math.Abs(v))).ToArray(), D(pos.log()), 1e-12, "log");
            Close(xs.Select(v => Math.Sqrt(Math.Abs(v))).ToArray(), D(pos.sqrt()), 1e-12, "sqrt");
        }

        [Fact]
        public void MatmulMatchesHandProduct()
        {
            using var a = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
            using var b = tensor(new float[] { 7, 8, 9, 10, 11, 12 }, new long[] { 3, 2 });
            using var c = a.matmul(b);
            Assert.Equal(new long[] { 2, 2 }, c.shape);
            Assert.Equal(new float[] { 58, 64, 139, 154 }, F(c));
        }

        [Fact]
        public void ReductionsMatchHandValues()
        {
            using var t = tensor(new float[] { 1, 5, 3, 4, 2, 6 }, new long[] { 2, 3 });
            Assert.Equal(21f, t.sum().ToSingle());
            Assert.Equal(3.5f, t.mean().ToSingle());
            Assert.Equal(6f, t.max().ToSingle());
            Assert.Equal(1f, t.min().ToSingle());
            Assert.Equal(new float[] { 5, 7, 9 }, F(t.sum(0L))  /* not sum(0): a literal 0 converts to ScalarType, as with the real package */);
            Assert.Equal(new float[] { 3, 4 }, F(t.mean(new long[] { 1 })));
            Assert.Equal(new long[] { 0, 1 }, t.argmin(1).data<long>().ToArray());
            Assert.Equal(0L, t.argmin().item<long>());
            var (values, indexes) = t.max(1);
            Assert.Equal(new float[] { 5, 6 }, F(values));
            Assert.Equal(new long[] { 1, 2 }, indexes.data<long>().ToArray());
            using var lse = t.logsumexp(1);
            Close(new[] { Math.Log(Math.Exp(1) + Math.Exp(5) + Math.Exp(3)), Math.Log(Math.Exp(4) + Math.Exp(2) + Math.Exp(6)) },
                  F(lse).Select(v => (double)v).ToArray(), 1e-6, "logsumexp");
        }

        [Fact]
        public void ShapeOpsRearrangeAsExpected()
        {
            using var t = arange(0, 6, 1, ScalarType.Float32);
            using var r = t.reshape(2, 3);
            using var v = t.view(3, 2);
            using var tr = r.t();
            using var fl = tr.flatten();
            using var u = t.unsqueeze(0);
            Assert.Equal(new long[] { 2, 3 }, r.shape);
            Assert.Equal(new long[] { 3, 2 }, v.shape);
            Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, F(fl));
            Assert.Equal(new long[] { 1, 6 }, u.shape);
            using var c = cat(new[] { r, r }, 0);
            Assert.Equal(new long[] { 4, 3 }, c.shape);
            using var c1 = cat(new[] { r, r }, 1);
            Assert.Equal(new float[] { 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5 }, F(c1));
            using var n = r.narrow(1, 1, 2);
            Assert.Equal(new float[] { 1, 2, 4, 5 }, F(n.contiguous()));
        }

        [Fact]
        public void GatherAndOneHotIndexAsDocumented()
        {
            using var t = tensor(new float[] { 10, 11, 12, 20, 21, 22 }, new long[] { 2, 3 });
            using var idx = tensor(new long[] { 2, 0, 1, 1 }, new long[] { 2, 2 });
            using var g = t.gather(1, idx);
            Assert.Equal(new float[] { 12, 10, 21, 21 }, F(g));
            using var labels = tensor(new long[] { 0, 2, 1 });
            using var oh = nn.functional.one_hot(labels, 3);
            Assert.Equal(new long[] { 1, 0, 0, 0, 0, 1, 0, 1, 0 }, oh.data<long>().ToArray());
        }

        [Fact]
        public void ClampAndComparisons()
        {
            using var t = tensor(new float[] { -2, 0.5f, 3 });
            Assert.Equal(new float[] { -1, 0.5f, 1 }, F(t.clamp(-1, 1)));
            Assert.Equal(new float[] { 0, 0.5f, 3 }, F(t.clamp_min(0)));
            Assert.Equal(new[] { false, true, true }, t.gt(0).data<bool>().ToArray());
            Assert.Throws<ArgumentException>(() => t.clamp());
        }

        [Fact]
        public void InPlaceOpsChangeTheTensorItself()
        {
            using var t = tensor(new float[] { 1, 2 });
            t.mul_(3).add_(1);
            Assert.Equal(new float[] { 4, 7 }, F(t));
            using var o = ones(2);
            t.addcmul_(o, o, 2);
            Assert.Equal(new float[] { 6, 9 }, F(t));
            t.zero_();
            Assert.Equal(new float[] { 0, 0 }, F(t));
        }

        [Fact]
        public void GeneratorsAndSeedsAreReproducible()
        {
            using var g1 = new Generator(42);
            using var g2 = new Generator(42);
            using var a = randn(new long[] { 5 }, generator: g1);
            using var b = randn(new long[] { 5 }, generator: g2);
            Assert.Equal(F(a), F(b));
            manual_seed(7);
            using var c = rand(4);
            manual_seed(7);
            using var d = rand(4);
            Assert.Equal(F(c), F(d));
            Assert.All(F(c), v => Assert.InRange(v, 0f, 1f));
        }

        [Fact]
        public void RandnHasStandardMoments()
        {
            using var g = new Generator(1);
            using var x = randn(new long[] { 200_000 }, ScalarType.Float64, generator: g);
            Assert.InRange(x.mean().ToDouble(), -0.01, 0.01);
            Assert.InRange(x.std().ToDouble(), 0.99, 1.01);
        }

        [Fact]
        public void ThreadCountCanBeSet()
        {
            var before = get_num_threads();
            set_num_threads(1);
            Assert.Equal(1, get_num_threads());
            set_num_threads(before);
            Assert.Throws<ArgumentOutOfRangeException>(() => set_num_threads(0));
        }
    }
}

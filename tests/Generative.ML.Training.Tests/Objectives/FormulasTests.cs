using System;
using System.Linq;
using Generative.ML.Training.Onnx;
using Generative.ML.Training.Tests.Export;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Objectives
{
    /// <summary>
    /// Each formula written once (Formulas) gives the same values as torch operations in training and as ONNX nodes run
    /// by ONNX Runtime, and matches its closed form in float64.
    /// </summary>
    public class FormulasTests
    {
        const int Rows = 9, Width = 5;

        static float[] Draw(Random r, double scale) => Enumerable.Range(0, Rows * Width).Select(_ => (float)((r.NextDouble() * 2 - 1) * scale)).ToArray();

        [Fact]
        public void TorchAndOnnxRunTheSameFormulas()
        {
            var r = new Random(5);
            float[] x = Draw(r, 2), m = Draw(r, 2), lv = Draw(r, 1.5);
            var g = new OnnxGraphBuilder("formulas");
            Expr In(string name) => Expr.Of(g, g.Input(name, Width), name);
            var (xe, me, le) = (In("x"), In("m"), In("lv"));
            var outputs = new (string name, Func<Expr, Expr, Expr, Expr> formula, long? width)[] {
                ("kl", (_, mu, logvar) => Formulas.GaussianKl(mu, logvar), null),
                ("gaussian_ll", Formulas.GaussianLogLikelihood, null),
                ("gaussian_nll", Formulas.GaussianNllPerFeature, Width),
                ("bernoulli_ll", (a, logits, _) => Formulas.BernoulliLogLikelihood(a, logits), null),
                ("bernoulli_nll", (a, logits, _) => Formulas.BernoulliNllPerFeature(a, logits), Width),
                ("mse", (a, b, _) => Formulas.MeanSquaredError(a, b), null),
                ("shares", (a, b, _) => Formulas.SquaredErrorShares(a, b, Width), Width),
            };
            foreach (var (name, formula, width) in outputs) g.Output(name, formula(xe, me, le).Node, width);
            using var session = new InferenceSession(g.ToModelBytes());
            var onnx = OnnxRun.Floats(session, ("x", x, Width), ("m", m, Width), ("lv", lv, Width));

            using var scope = NewDisposeScope();
            Expr T(float[] v) => Expr.Of(tensor(v, Rows, Width));
            foreach (var (name, formula, _) in outputs) {
                var torchValues = OnnxRun.Values(formula(T(x), T(m), T(lv)).Tensor);
                Assert.Equal(torchValues.Length, onnx[name].Length);
                for (var i = 0; i < torchValues.Length; i++)
                    Assert.True(Math.Abs(torchValues[i] - onnx[name][i]) <= 1e-5 * (1 + Math.Abs(torchValues[i])),
                                $"{name}[{i}]: torch {torchValues[i]}, ONNX {onnx[name][i]}");
            }
        }

        [Fact]
        public void TheFormulasAreTheirClosedForms()
        {
            var r = new Random(6);
            float[] x = Draw(r, 2), m = Draw(r, 2), lv = Draw(r, 1.5);
            using var scope = NewDisposeScope();
            Expr T(float[] v) => Expr.Of(tensor(v.Select(f => (double)f).ToArray(), Rows, Width));
            var kl = OnnxRun.Values(Formulas.GaussianKl(T(m), T(lv)).Tensor.to_type(ScalarType.Float32));
            var ll = OnnxRun.Values(Formulas.GaussianLogLikelihood(T(x), T(m), T(lv)).Tensor.to_type(ScalarType.Float32));
            var bernoulli = OnnxRun.Values(Formulas.BernoulliLogLikelihood(T(x), T(m)).Tensor.to_type(ScalarType.Float32));
            var mse = OnnxRun.Values(Formulas.MeanSquaredError(T(x), T(m)).Tensor.to_type(ScalarType.Float32));
            for (var row = 0; row < Rows; row++) {
                double klRow = 0, llRow = 0, bRow = 0, mseRow = 0;
                for (var j = 0; j < Width; j++) {
                    double xi = x[row * Width + j], mi = m[row * Width + j], li = lv[row * Width + j];
                    klRow += 0.5 * (Math.Exp(li) + mi * mi - 1 - li);
                    llRow += -0.5 * Math.Log(2 * Math.PI * Math.Exp(li)) - (xi - mi) * (xi - mi) / (2 * Math.Exp(li));
                    var p = 1 / (1 + Math.Exp(-mi)); // Bernoulli(x; sigmoid(m)) for x in [0, 1] and beyond, as a cross-entropy
                    bRow += xi * Math.Log(p) + (1 - xi) * Math.Log(1 - p);
                    mseRow += (xi - mi) * (xi - mi) / Width;
                }
                Assert.Equal(klRow, kl[row], 4);
                Assert.Equal(llRow, ll[row], 4);
                Assert.Equal(bRow, bernoulli[row], 4);
                Assert.Equal(mseRow, mse[row], 4);
            }
        }
    }
}

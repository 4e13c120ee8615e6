using System;
using System.Linq;
using Generative.ML.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Objectives
{
    /// <summary>Each objective against its closed form, evaluated here element by element in double precision.</summary>
    public class ObjectiveTests
    {
        static double[] D(Tensor t)
        {
            using var d = t.to_type(ScalarType.Float64);
            return d.data<double>().ToArray();
        }

        [Fact]
        public void GaussianKlMatchesTheClosedForm()
        {
            var mu = new[] { 0.5, -1.0, 0.0, 2.0 };
            var logvar = new[] { 0.0, -2.0, 1.5, 0.3 };
            using var m = tensor(mu, new long[] { 2, 2 });
            using var lv = tensor(logvar, new long[] { 2, 2 });
            using var kl = Objective.GaussianKl(m, lv);
            double Row(int r) => Enumerable.Range(2 * r, 2).Sum(i => 0.5 * (Math.Exp(logvar[i]) + mu[i] * mu[i] - 1 - logvar[i]));
            Assert.Equal(new[] { Row(0), Row(1) }, D(kl), new Tolerance(1e-12));
            using var zero = zeros(3, 4, ScalarType.Float64);
            using var none = Objective.GaussianKl(zero, zero);
            Assert.All(D(none), v => Assert.Equal(0, v));
        }

        [Fact]
        public void GaussianLogLikelihoodMatchesTheDensity()
        {
            var x = new[] { 0.3, -1.2, 2.0 };
            var mean = new[] { 0.0, -1.0, 1.0 };
            var logvar = new[] { 0.0, -1.0, 0.7 };
            using var xt = tensor(x, new long[] { 1, 3 });
            using var mt = tensor(mean, new long[] { 1, 3 });
            using var lt = tensor(logvar);
            using var ll = Objective.GaussianLogLikelihood(xt, mt, lt);
            var expected = Enumerable.Range(0, 3).Sum(i =>
                -0.5 * Math.Log(2 * Math.PI * Math.Exp(logvar[i])) - (x[i] - mean[i]) * (x[i] - mean[i]) / (2 * Math.Exp(logvar[i])));
            Assert.Equal(expected, D(ll)[0], 12);
        }

        [Fact]
        public void BernoulliLogLikelihoodIsStableForLargeLogits()
        {
            var x = new[] { 1.0, 0.0, 1.0, 0.25 };
            var logits = new[] { 0.5, -2.0, 80.0, -90.0 };
            using var xt = tensor(x, new long[] { 1, 4 });
            using var lt = tensor(logits, new long[] { 1, 4 });
            using var ll = Objective.BernoulliLogLikelihood(xt, lt);
            // x log s(l) + (1 - x) log(1 - s(l)), written with log s(l) = -log(1 + e^-l) to stay exact at |l| = 90.
            double LogSigmoid(double l) => l > 0 ? -Math.Log(1 + Math.Exp(-l)) : l - Math.Log(1 + Math.Exp(l));
            var expected = x.Zip(logits, (xi, l) => xi * LogSigmoid(l) + (1 - xi) * LogSigmoid(-l)).Sum();
            Assert.Equal(expected, D(ll)[0], 9);
        }

        [Fact]
        public void LogMeanExpDoesNotOverflow()
        {
            using var v = tensor(new[] { 1000.0, 1000.0 + Math.Log(3), -5000.0 }, new long[] { 3, 1 });
            using var lme = Objective.LogMeanExp(v, 0);
            Assert.Equal(1000 + Math.Log(4.0 / 3), D(lme)[0], 9);
        }

        sealed class Tolerance(double tol) : System.Collections.Generic.IEqualityComparer<double>
        {
            public bool Equals(double a, double b) => Math.Abs(a - b) <= tol * (1 + Math.Abs(a));
            public int GetHashCode(double v) => 0;
        }
    }
}

using System;
using System.Linq;

namespace Generative.ML.Transformers.Tables
{
    /// <summary>How continuous columns are normalised for the model.</summary>
    public enum ContinuousEncoding
    {
        /// <summary>A normal score through the column's quantiles: y = Phi^-1(F(x)). One Gaussian head.</summary>
        Quantile,
        /// <summary>
        /// TVAE's mode-specific normalisation: a Gaussian mixture fitted to the column; a value is its most likely mode
        /// (a softmax head) and its offset from that mode's mean in units of four standard deviations (a Gaussian head).
        /// </summary>
        ModeSpecific,
    }

    /// <summary>A Gaussian mixture over one column's values (TVAE's modes), fitted by expectation-maximisation.</summary>
    internal sealed class ColumnModes
    {
        /// <summary>Each mode's share.</summary>
        public double[] Weights { get; init; } = Array.Empty<double>();

        /// <summary>Each mode's mean.</summary>
        public double[] Means { get; init; } = Array.Empty<double>();

        /// <summary>Each mode's standard deviation.</summary>
        public double[] Deviations { get; init; } = Array.Empty<double>();

        /// <summary>
        /// Fits up to <paramref name="maxModes"/> modes to the finite values (at most 20,000 of them, evenly spaced in
        /// sorted order), then drops modes under half a percent, as TVAE's Bayesian mixture does, and refits.
        /// </summary>
        public static ColumnModes Fit(ReadOnlySpan<double> values, int maxModes = 10)
        {
            var sorted = values.ToArray().Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
            if (sorted.Length == 0) return new ColumnModes { Weights = new[] { 1.0 }, Means = new[] { 0.0 }, Deviations = new[] { 1.0 } };
            var x = sorted.Length <= 20_000 ? sorted : Enumerable.Range(0, 20_000).Select(i => sorted[(int)((long)i * sorted.Length / 20_000)]).ToArray();
            var spread = Math.Sqrt(x.Select(v => (v - x.Average()) * (v - x.Average())).Average());
            var floor = Math.Max(1e-3 * spread, 1e-6);
            var k = Math.Min(maxModes, x.Distinct().Count());
            var means = Enumerable.Range(0, k).Select(i => x[(int)((i + 0.5) / k * (x.Length - 1))]).ToArray();
            var sds = Enumerable.Repeat(Math.Max(spread / k, floor), k).ToArray();
            var weights = Enumerable.Repeat(1.0 / k, k).ToArray();
            (weights, means, sds) = Em(x, weights, means, sds, floor, 100);
            var kept = Enumerable.Range(0, weights.Length).Where(i => weights[i] >= 0.005).ToArray();
            (weights, means, sds) = Em(x, kept.Select(i => weights[i]).ToArray(), kept.Select(i => means[i]).ToArray(), kept.Select(i => sds[i]).ToArray(), floor, 20);
            return new ColumnModes { Weights = weights, Means = means, Deviations = sds };
        }

        static (double[], double[], double[]) Em(double[] x, double[] w, double[] mu, double[] sd, double floor, int iterations)
        {
            var k = w.Length;
            var r = new double[k];
            for (var it = 0; it < iterations; it++) {
                var sw = new double[k];
                var sx = new double[k];
                var sxx = new double[k];
                foreach (var v in x) {
                    var total = 0.0;
                    var best = double.NegativeInfinity;
                    for (var i = 0; i < k; i++) best = Math.Max(best, LogDensity(v, w[i], mu[i], sd[i]));
                    for (var i = 0; i < k; i++) total += r[i] = Math.Exp(LogDensity(v, w[i], mu[i], sd[i]) - best);
                    for (var i = 0; i < k; i++) {
                        var p = r[i] / total;
                        sw[i] += p;
                        sx[i] += p * v;
                        sxx[i] += p * v * v;
                    }
                }
                for (var i = 0; i < k; i++) {
                    w[i] = Math.Max(sw[i] / x.Length, 1e-12);
                    if (sw[i] < 1e-9) continue;
                    mu[i] = sx[i] / sw[i];
                    sd[i] = Math.Sqrt(Math.Max(sxx[i] / sw[i] - mu[i] * mu[i], floor * floor));
                }
            }
            var sum = w.Sum();
            return (w.Select(v => v / sum).ToArray(), mu, sd);
        }

        static double LogDensity(double v, double w, double mu, double sd) => Math.Log(w) - Math.Log(sd) - 0.5 * (v - mu) * (v - mu) / (sd * sd);

        /// <summary>The most likely mode of <paramref name="v"/>.</summary>
        public int ModeOf(double v)
        {
            var best = 0;
            for (var i = 1; i < Weights.Length; i++)
                if (LogDensity(v, Weights[i], Means[i], Deviations[i]) > LogDensity(v, Weights[best], Means[best], Deviations[best])) best = i;
            return best;
        }

        /// <summary>(v - mean) / (4 sd) of mode <paramref name="mode"/>: TVAE's normalised value.</summary>
        public double Offset(double v, int mode) => (v - Means[mode]) / (4 * Deviations[mode]);

        /// <summary>The value at <paramref name="offset"/> in mode <paramref name="mode"/>.</summary>
        public double Value(double offset, int mode) => Means[mode] + 4 * Deviations[mode] * offset;
    }
}

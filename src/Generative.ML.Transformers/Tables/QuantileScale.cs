using System;
using System.Linq;
using System.Text.Json.Serialization;

namespace Generative.ML.Transformers.Tables
{
    /// <summary>
    /// A continuous column's values to normal scores and back: y = Phi^-1(F(x)) with F the training values' distribution
    /// function, piecewise linear between quantiles. It handles several modes and skew alike (the normal score of any
    /// shape is one bell), and a value that repeats (a point mass, as zeros in a count) keeps one normal score and comes
    /// back exactly. Decoding interpolates between the same quantiles, so values stay within the training range.
    /// </summary>
    internal sealed class QuantileScale
    {
        /// <summary>Ascending values at <see cref="Probabilities"/>: the quantiles, the first the minimum, the last the maximum.</summary>
        public double[] Values { get; init; } = Array.Empty<double>();

        /// <summary>
        /// Ascending, from <see cref="Floor"/> to 1 - Floor: the probability of each of <see cref="Values"/>, squeezed by half
        /// a row's share at each end so that the minimum and maximum have finite normal scores and come back exactly.
        /// </summary>
        public double[] Probabilities { get; init; } = Array.Empty<double>();

        /// <summary>Half a row's share: the probability of the minimum.</summary>
        public double Floor { get; init; }

        /// <summary>Fits the quantiles of the finite <paramref name="values"/> (NaN ones are left out); at most <paramref name="knots"/> + 1.</summary>
        public static QuantileScale Fit(ReadOnlySpan<double> values, int knots = 1024)
        {
            var sorted = values.ToArray().Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
            if (sorted.Length == 0) return new QuantileScale { Values = new[] { 0.0, 0.0 }, Probabilities = new[] { 0.25, 0.75 }, Floor = 0.25 };
            var k = Math.Max(1, Math.Min(knots, sorted.Length - 1));
            var floor = 0.5 / sorted.Length;
            var q = new double[k + 1];
            var p = new double[k + 1];
            for (var i = 0; i <= k; i++) {
                var share = (double)i / k;
                p[i] = floor + share * (1 - 2 * floor);
                var position = share * (sorted.Length - 1);
                var lo = (int)Math.Floor(position);
                var hi = Math.Min(lo + 1, sorted.Length - 1);
                q[i] = sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
            }
            return new QuantileScale { Values = q, Probabilities = p, Floor = floor };
        }

        /// <summary>
        /// Null where the scale is one <see cref="Fit"/> can make (as many values as probabilities, at least two, finite,
        /// ascending, the probabilities inside (0, 1)); otherwise what is wrong, for a file that was damaged or made by hand.
        /// </summary>
        public string? Problem()
        {
            if (Values is null || Probabilities is null || Values.Length < 2 || Values.Length != Probabilities.Length)
                return "its quantiles and their probabilities are not two lists of the same length, at least two";
            for (var i = 0; i < Values.Length; i++) {
                if (!double.IsFinite(Values[i]) || !(Probabilities[i] > 0 && Probabilities[i] < 1)) return $"quantile {i} is not finite or its probability is outside (0, 1)";
                if (i > 0 && (Values[i] < Values[i - 1] || Probabilities[i] < Probabilities[i - 1])) return $"quantile {i} is below the one before it";
            }
            return Floor > 0 && Floor < 0.5 ? null : "its floor probability is outside (0, 0.5)";
        }

        /// <summary>The training range's lower end.</summary>
        [JsonIgnore]
        public double Minimum => Values[0];

        /// <summary>The training range's upper end.</summary>
        [JsonIgnore]
        public double Maximum => Values[^1];

        /// <summary>x's normal score. Values outside the training range get the end scores.</summary>
        public double Encode(double x)
        {
            var q = Values;
            var p = Probabilities;
            double u;
            if (x <= q[0]) u = x == q[0] ? Plateau(0) : p[0];
            else if (x >= q[^1]) u = x == q[^1] ? Plateau(q.Length - 1) : p[^1];
            else {
                var hi = Array.BinarySearch(q, x);
                if (hi >= 0) u = Plateau(hi);
                else {
                    hi = ~hi;
                    var lo = hi - 1;
                    u = p[lo] + (x - q[lo]) / (q[hi] - q[lo]) * (p[hi] - p[lo]);
                }
            }
            return NormalDistribution.Quantile(u);

            // A value equal to one or more quantiles: the middle of their probabilities (the middle of a point mass's jump).
            double Plateau(int i)
            {
                var (a, b) = (i, i);
                while (a > 0 && q[a - 1] == q[i]) a--;
                while (b < q.Length - 1 && q[b + 1] == q[i]) b++;
                return 0.5 * (p[a] + p[b]);
            }
        }

        /// <summary>
        /// log dy/dx at <paramref name="x"/>, the change of variables from normal scores to the column's own units:
        /// log F'(x) - log phi(y). A density in score units minus this is the density in the data's units, so a value in a
        /// gap between modes (where F is flat) is as unlikely as it looks. F' is the slope of the segment x is in; at a
        /// repeated value (a point mass, where the slope is infinite) the steepest finite slope; beyond the range the end
        /// segment's slope, falling by one nat for each end segment's width further out.
        /// </summary>
        public double LogSlope(double x)
        {
            var q = Values;
            var p = Probabilities;
            var logPhi = -0.5 * Math.Log(2 * Math.PI);
            var y = Encode(x);
            logPhi -= 0.5 * y * y;
            double Slope(int lo) => q[lo + 1] > q[lo] ? Math.Log((p[lo + 1] - p[lo]) / (q[lo + 1] - q[lo])) : double.NaN;
            var steepest = _steepest ??= Enumerable.Range(0, q.Length - 1).Select(Slope).Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Max();
            if (q[^1] == q[0]) return steepest - logPhi;
            if (x < q[0] || x > q[^1]) {
                var end = x < q[0] ? 0 : q.Length - 2;
                while (double.IsNaN(Slope(end)) && end > 0 && end < q.Length - 2) end += x < q[0] ? 1 : -1;
                var width = q[end + 1] - q[end];
                var beyond = x < q[0] ? q[0] - x : x - q[^1];
                return (double.IsNaN(Slope(end)) ? steepest : Slope(end)) - beyond / width - logPhi;
            }
            var hi = Array.BinarySearch(q, x);
            if (hi >= 0) {
                var mass = (hi > 0 && q[hi - 1] == x) || (hi < q.Length - 1 && q[hi + 1] == x);
                if (mass) return steepest - logPhi;
                hi = Math.Max(hi, 1);
            } else {
                hi = ~hi;
            }
            var slope = Slope(hi - 1);
            return (double.IsNaN(slope) ? steepest : slope) - logPhi;
        }

        double? _steepest;

        /// <summary>The value whose normal score is <paramref name="y"/>: F^-1(Phi(y)), within the training range.</summary>
        public double Decode(double y)
        {
            var u = NormalDistribution.Cdf(y);
            var p = Probabilities;
            var q = Values;
            if (u <= p[0]) return q[0];
            if (u >= p[^1]) return q[^1];
            var hi = Array.BinarySearch(p, u);
            if (hi >= 0) return q[hi];
            hi = ~hi;
            var lo = hi - 1;
            return q[lo] + (u - p[lo]) / (p[hi] - p[lo]) * (q[hi] - q[lo]);
        }
    }
}

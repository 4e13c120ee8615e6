using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Transformers.Tables;

namespace Generative.ML.Bench.Synthesis
{
    /// <summary>A way of making synthetic rows from a real table: fitted once, then asked for rows with a seed.</summary>
    internal interface ISynthesizer
    {
        string Name { get; }
        TableData Generate(int rows, int seed);
    }

    /// <summary>Every column drawn on its own from its real values (blanks included): right marginals, no relations.</summary>
    internal sealed class IndependentMarginals(TableData real) : ISynthesizer
    {
        public string Name => "independent marginals";

        public TableData Generate(int rows, int seed)
        {
            var random = new Random(seed);
            return new TableData(real.Columns, real.Columns.Select((c, j) => c.IsNumeric
                ? (Array)Enumerable.Range(0, rows).Select(_ => real.Numbers(j)[random.Next(real.RowCount)]).ToArray()
                : Enumerable.Range(0, rows).Select(_ => real.Categories(j)[random.Next(real.RowCount)]).ToArray()).ToArray());
        }
    }

    /// <summary>
    /// The Gaussian copula (as SDV's GaussianCopulaSynthesizer models a table): each column becomes normal scores through
    /// its own distribution (numbers by their ranks; a category by the middle of its interval when categories split [0, 1]
    /// by frequency; a number's blankness as a category of its own dimension), the scores' correlation matrix is fitted,
    /// and rows are drawn from that multivariate normal and mapped back through each column's distribution.
    /// </summary>
    internal sealed class GaussianCopula : ISynthesizer
    {
        readonly TableData _real;
        readonly List<Dimension> _dimensions = new();
        readonly double[,] _cholesky;

        public string Name => "Gaussian copula";

        sealed record Dimension(int Column, bool Blankness, double[] Sorted, string?[] Categories, double[] Cumulative);

        public GaussianCopula(TableData real)
        {
            _real = real;
            var scores = new List<double[]>();
            for (var j = 0; j < real.Columns.Count; j++) {
                if (real.Columns[j].IsNumeric) {
                    var values = real.Numbers(j);
                    var present = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
                    var d = new Dimension(j, false, present, Array.Empty<string?>(), Array.Empty<double>());
                    _dimensions.Add(d);
                    // A blank's score is the median's (0); its blankness is the next dimension.
                    scores.Add(values.Select(v => double.IsNaN(v) ? 0 : NormalScoreOfRank(present, v)).ToArray());
                    if (present.Length < values.Length) {
                        var blank = Categorical(j, values.Select(v => double.IsNaN(v) ? "blank" : "value").ToArray(), blankness: true, out var s);
                        _dimensions.Add(blank);
                        scores.Add(s);
                    }
                } else {
                    _dimensions.Add(Categorical(j, real.Categories(j), blankness: false, out var s));
                    scores.Add(s);
                }
            }
            var n = real.RowCount;
            var k = scores.Count;
            var correlation = new double[k, k];
            for (var a = 0; a < k; a++)
                for (var b = 0; b <= a; b++) {
                    double sab = 0, saa = 0, sbb = 0;
                    for (var r = 0; r < n; r++) { sab += scores[a][r] * scores[b][r]; saa += scores[a][r] * scores[a][r]; sbb += scores[b][r] * scores[b][r]; }
                    correlation[a, b] = correlation[b, a] = a == b ? 1 : sab / Math.Sqrt(Math.Max(saa * sbb, 1e-300));
                }
            for (var a = 0; a < k; a++) correlation[a, a] += 1e-6;
            _cholesky = Cholesky(correlation);
        }

        Dimension Categorical(int column, string?[] values, bool blankness, out double[] scores)
        {
            var groups = values.GroupBy(v => v ?? "\0").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToArray();
            var categories = groups.Select(g => g.Key == "\0" ? null : g.Key).ToArray();
            var cumulative = new double[groups.Length + 1];
            for (var i = 0; i < groups.Length; i++) cumulative[i + 1] = cumulative[i] + (double)groups[i].Count() / values.Length;
            var middle = groups.Select((g, i) => (g.Key, NormalQuantile(0.5 * (cumulative[i] + cumulative[i + 1])))).ToDictionary(p => p.Key, p => p.Item2);
            scores = values.Select(v => middle[v ?? "\0"]).ToArray();
            return new Dimension(column, blankness, Array.Empty<double>(), categories, cumulative);
        }

        public TableData Generate(int rows, int seed)
        {
            var random = new Random(seed);
            var k = _dimensions.Count;
            var columns = _real.Columns.Select((c, j) => c.IsNumeric ? (Array)new double[rows] : new string?[rows]).ToArray();
            var e = new double[k];
            for (var r = 0; r < rows; r++) {
                for (var i = 0; i < k; i++) e[i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                for (var i = 0; i < k; i++) {
                    var z = 0.0;
                    for (var m = 0; m <= i; m++) z += _cholesky[i, m] * e[m];
                    var u = NormalCdf(z);
                    var d = _dimensions[i];
                    var c = _real.Columns[d.Column];
                    if (d.Blankness) {
                        if (Pick(d, u) == "blank") ((double[])columns[d.Column])[r] = double.NaN;
                    } else if (c.IsNumeric) {
                        var position = u * (d.Sorted.Length - 1);
                        var lo = (int)Math.Floor(position);
                        var hi = Math.Min(lo + 1, d.Sorted.Length - 1);
                        var v = d.Sorted[lo] + (position - lo) * (d.Sorted[hi] - d.Sorted[lo]);
                        ((double[])columns[d.Column])[r] = c.Kind == TableColumnKind.Integer ? Math.Round(v) : v;
                    } else {
                        ((string?[])columns[d.Column])[r] = Pick(d, u);
                    }
                }
            }
            return new TableData(_real.Columns, columns);
        }

        static string? Pick(Dimension d, double u)
        {
            for (var i = 0; i < d.Categories.Length; i++) if (u < d.Cumulative[i + 1]) return d.Categories[i];
            return d.Categories[^1];
        }

        static double NormalScoreOfRank(double[] sorted, double v)
        {
            // The middle rank of v among the sorted values (ties share it), as a probability in (0, 1).
            var lo = Array.BinarySearch(sorted, v);
            int first = lo, last = lo;
            while (first > 0 && sorted[first - 1] == v) first--;
            while (last < sorted.Length - 1 && sorted[last + 1] == v) last++;
            return NormalQuantile((0.5 * (first + last) + 0.5) / sorted.Length);
        }

        static double[,] Cholesky(double[,] a)
        {
            var n = a.GetLength(0);
            var l = new double[n, n];
            for (var i = 0; i < n; i++)
                for (var j = 0; j <= i; j++) {
                    var s = a[i, j];
                    for (var m = 0; m < j; m++) s -= l[i, m] * l[j, m];
                    l[i, j] = i == j ? Math.Sqrt(Math.Max(s, 1e-12)) : s / l[j, j];
                }
            return l;
        }

        static double NormalCdf(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2)));

        static double Erf(double x)
        {
            // Abramowitz and Stegun 7.1.26 (error below 1.5e-7): enough to place a draw among a column's quantiles.
            var t = 1 / (1 + 0.3275911 * Math.Abs(x));
            var y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
            return x >= 0 ? y : -y;
        }

        static double NormalQuantile(double p)
        {
            // Bisection on the distribution function: the baseline needs agreement with NormalCdf, not speed.
            double lo = -9, hi = 9;
            for (var i = 0; i < 80; i++) {
                var mid = 0.5 * (lo + hi);
                if (NormalCdf(mid) < p) lo = mid; else hi = mid;
            }
            return 0.5 * (lo + hi);
        }
    }
}

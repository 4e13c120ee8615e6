using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Transformers.Tables;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators.Tables
{
    /// <summary>How like one column of the real table the synthetic column is: 1 - KS statistic (numbers) or 1 - total variation distance (categories).</summary>
    public sealed record ColumnShape(string Column, string Metric, double Score);

    /// <summary>
    /// How well a pair of columns keeps its relation: for two numbers, 1 - |r_real - r_synthetic| / 2 of their Pearson
    /// correlations; otherwise 1 - the total variation distance of their joint frequencies (numbers cut at the real
    /// column's deciles, a blank its own bin). <see cref="Real"/> and <see cref="Synthetic"/> are the correlations, or NaN.
    /// </summary>
    public sealed record PairTrend(string First, string Second, string Metric, double Score, double Real, double Synthetic);

    /// <summary>
    /// The quality of a synthetic table against the real one: column shapes, pair trends and detectability, and, where a
    /// held-out part of the real table was given, whether the synthetic rows are new (<see cref="Privacy"/>).
    /// </summary>
    public sealed class SyntheticQualityReport
    {
        internal SyntheticQualityReport(IReadOnlyList<ColumnShape> shapes, IReadOnlyList<PairTrend> pairs, double detection, IReadOnlyList<double> byFold,
                                        PrivacyCheck? privacy) =>
            (ColumnShapes, PairTrends, DetectionAuc, DetectionAucByFold, Privacy) = (shapes, pairs, detection, byFold, privacy);

        /// <summary>One per column.</summary>
        public IReadOnlyList<ColumnShape> ColumnShapes { get; }

        /// <summary>One per pair of columns.</summary>
        public IReadOnlyList<PairTrend> PairTrends { get; }

        /// <summary>
        /// AUC of a classifier (boosted trees) trained to tell real from synthetic rows, each row scored by trees that did
        /// not train on it (5-fold cross-validation): 0.5 means it cannot tell them apart, 1 that it always can. Below 0.5
        /// is not better than 0.5: the classifier has learned something that does not hold on the next fold (such as
        /// near-copies of real rows labelled synthetic). Compare tables by <see cref="Detectability"/>.
        /// </summary>
        public double DetectionAuc { get; }

        /// <summary>max(<see cref="DetectionAuc"/>, 0.5): 0.5 is the best (real and synthetic rows not told apart), 1 the worst.</summary>
        public double Detectability => Math.Max(DetectionAuc, 0.5);

        /// <summary>Each cross-validation fold's AUC: their spread says how far a difference in <see cref="DetectionAuc"/> is noise.</summary>
        public IReadOnlyList<double> DetectionAucByFold { get; }

        /// <summary>
        /// Distance to the closest training row, synthetic rows against held-out real rows (<see cref="PrivacyCheck"/>); null
        /// when no held-out rows were given, and then the report has not checked whether the rows are near-copies.
        /// </summary>
        public PrivacyCheck? Privacy { get; }

        /// <summary>The mean column shape score (1 is best).</summary>
        public double ColumnShapeMean => ColumnShapes.Count == 0 ? double.NaN : ColumnShapes.Average(s => s.Score);

        /// <summary>The mean pair trend score (1 is best).</summary>
        public double PairTrendMean => PairTrends.Count == 0 ? double.NaN : PairTrends.Average(p => p.Score);
    }

    /// <summary>The metrics of the synthetic-data quality report, each computed from the two tables alone.</summary>
    internal static class SyntheticQuality
    {
        /// <summary>
        /// Compares <paramref name="synthetic"/> with <paramref name="real"/> over the real table's columns. More synthetic
        /// rows than real ones make the shapes and pair trends less noisy; detectability uses as many of them as there
        /// are real rows.
        /// </summary>
        public static SyntheticQualityReport Evaluate(TableData real, TableData synthetic, int seed = 0, TableData? heldOut = null)
        {
            if (real is null) throw new ArgumentNullException(nameof(real));
            if (synthetic is null) throw new ArgumentNullException(nameof(synthetic));
            var encoding = TableEncoding.Fit(real); // the detector's features, fitted once
            encoding.Check(synthetic); // every real column there, of the same type
            synthetic = synthetic.Select(real.Columns.Select(c => c.Name));
            var shapes = real.Columns.Select((c, j) => c.IsNumeric
                ? new ColumnShape(c.Name, "KS", 1 - KolmogorovSmirnov(Present(real.Numbers(j)), Present(synthetic.Numbers(j))))
                : new ColumnShape(c.Name, "TVD", 1 - TotalVariation(real.Categories(j), synthetic.Categories(j)))).ToArray();
            var pairs = new List<PairTrend>();
            for (var a = 0; a < real.Columns.Count; a++)
                for (var b = a + 1; b < real.Columns.Count; b++) pairs.Add(Pair(real, synthetic, a, b));
            // The classifier sees as many synthetic rows as real ones (the first ones), so that neither class is the bulk.
            var balanced = synthetic.RowCount > real.RowCount ? synthetic.Rows(Enumerable.Range(0, real.RowCount).ToArray()) : synthetic;
            var (auc, byFold) = DetectionAuc(encoding, real, balanced, seed);
            PrivacyCheck? privacy = null;
            if (heldOut is not null) {
                encoding.Check(heldOut); // the held-out part has the training table's columns
                privacy = PrivacyCheck.Evaluate(real, synthetic, heldOut, seed); // it reads the training table's columns by name
            }
            return new SyntheticQualityReport(shapes, pairs, auc, byFold, privacy);
        }

        /// <summary>The two-sample Kolmogorov-Smirnov statistic: the largest gap between the two empirical distribution functions.</summary>
        public static double KolmogorovSmirnov(IReadOnlyList<double> a, IReadOnlyList<double> b)
        {
            if (a.Count == 0 || b.Count == 0) return a.Count == b.Count ? 0 : 1;
            var x = a.OrderBy(v => v).ToArray();
            var y = b.OrderBy(v => v).ToArray();
            int i = 0, j = 0;
            var worst = 0.0;
            while (i < x.Length && j < y.Length) {
                var v = Math.Min(x[i], y[j]);
                while (i < x.Length && x[i] == v) i++;
                while (j < y.Length && y[j] == v) j++;
                worst = Math.Max(worst, Math.Abs((double)i / x.Length - (double)j / y.Length));
            }
            return worst;
        }

        /// <summary>Half the sum of |p - q| over the categories (a blank, null, is a category).</summary>
        public static double TotalVariation(IReadOnlyList<string?> a, IReadOnlyList<string?> b)
        {
            var p = Frequencies(a);
            var q = Frequencies(b);
            return 0.5 * p.Keys.Union(q.Keys).Sum(k => Math.Abs(p.GetValueOrDefault(k) - q.GetValueOrDefault(k)));
        }

        /// <summary>Pearson's correlation over the rows where both are present; NaN when either is constant.</summary>
        public static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
        {
            var rows = Enumerable.Range(0, a.Count).Where(r => !double.IsNaN(a[r]) && !double.IsNaN(b[r])).ToArray();
            if (rows.Length < 2) return double.NaN;
            var (ma, mb) = (rows.Average(r => a[r]), rows.Average(r => b[r]));
            double sab = 0, saa = 0, sbb = 0;
            foreach (var r in rows) {
                sab += (a[r] - ma) * (b[r] - mb);
                saa += (a[r] - ma) * (a[r] - ma);
                sbb += (b[r] - mb) * (b[r] - mb);
            }
            return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : double.NaN;
        }

        static PairTrend Pair(TableData real, TableData synthetic, int a, int b)
        {
            var (ca, cb) = (real.Columns[a], real.Columns[b]);
            if (ca.IsNumeric && cb.IsNumeric) {
                var r = Correlation(real.Numbers(a), real.Numbers(b));
                var s = Correlation(synthetic.Numbers(a), synthetic.Numbers(b));
                if (!double.IsNaN(r) && !double.IsNaN(s)) return new PairTrend(ca.Name, cb.Name, "correlation", 1 - Math.Abs(r - s) / 2, r, s);
            }
            var (ra, sa) = Binned(real, synthetic, a);
            var (rb, sb) = Binned(real, synthetic, b);
            var joint = TotalVariation(ra.Zip(rb, (x, y) => $"{x}\u0001{y}").ToArray(), sa.Zip(sb, (x, y) => $"{x}\u0001{y}").ToArray());
            return new PairTrend(ca.Name, cb.Name, "contingency", 1 - joint, double.NaN, double.NaN);
        }

        /// <summary>A column as categories: itself, or a number's decile bin of the real column (a blank its own bin).</summary>
        static (string?[] real, string?[] synthetic) Binned(TableData real, TableData synthetic, int j)
        {
            if (!real.Columns[j].IsNumeric) return (real.Categories(j), synthetic.Categories(j));
            var present = Present(real.Numbers(j)).OrderBy(v => v).ToArray();
            var edges = Enumerable.Range(1, 9).Select(k => present[Math.Min(present.Length - 1, k * present.Length / 10)]).Distinct().ToArray();
            string? Bin(double v) => double.IsNaN(v) ? null : (Array.BinarySearch(edges, v) is var i && i >= 0 ? i + 1 : ~i).ToString();
            return (real.Numbers(j).Select(Bin).ToArray(), synthetic.Numbers(j).Select(Bin).ToArray());
        }

        /// <summary>
        /// Boosted trees learn to tell real from synthetic rows on the real table's encoding (normal scores, blank
        /// indicators, one-hot categories), in 5-fold cross-validation: each row is scored by trees that did not train on
        /// it, and the AUC is over all rows (a stable number on small tables, where one split's half is a few dozen rows).
        /// </summary>
        static (double Auc, double[] ByFold) DetectionAuc(TableEncoding encoding, TableData real, TableData synthetic, int seed)
        {
            const int folds = 5;
            var random = new Random(seed);
            var rows = new List<Row>();
            void Add(TableData t, bool isReal)
            {
                var x = encoding.Encode(t);
                var order = Enumerable.Range(0, t.RowCount).OrderBy(_ => random.Next()).ToArray();
                for (var i = 0; i < order.Length; i++)
                    rows.Add(new Row { Label = isReal, Fold = i % folds, Features = x.AsSpan(order[i] * encoding.Width, encoding.Width).ToArray() });
            }
            Add(real, true);
            Add(synthetic, false);
            var ml = new MLContext(seed);
            var schema = SchemaDefinition.Create(typeof(Row));
            schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, encoding.Width);
            var scored = new List<(bool label, float score)>();
            var byFold = new double[folds];
            for (var k = 0; k < folds; k++) {
                var trees = ml.BinaryClassification.Trainers.FastTree(new Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer.Options {
                    NumberOfLeaves = 16, NumberOfTrees = 100, MinimumExampleCountPerLeaf = 10, NumberOfThreads = 1, Seed = seed,
                });
                var fold = k;
                var model = trees.Fit(ml.Data.LoadFromEnumerable(rows.Where(r => r.Fold != fold), schema));
                var test = model.Transform(ml.Data.LoadFromEnumerable(rows.Where(r => r.Fold == fold), schema));
                var foldScores = test.GetColumn<bool>("Label").Zip(test.GetColumn<float>("Score")).ToArray();
                byFold[k] = Auc(foldScores);
                scored.AddRange(foldScores);
            }
            return (Auc(scored), byFold);
        }

        /// <summary>The probability that a random positive scores above a random negative (ties count half).</summary>
        public static double Auc(IReadOnlyCollection<(bool label, float score)> scored)
        {
            var ordered = scored.OrderBy(s => s.score).ToArray();
            double rankSum = 0;
            for (var i = 0; i < ordered.Length;) {
                var j = i;
                while (j < ordered.Length && ordered[j].score == ordered[i].score) j++;
                var midRank = 0.5 * (i + 1 + j); // ranks i+1 .. j share their mean
                for (var m = i; m < j; m++) if (ordered[m].label) rankSum += midRank;
                i = j;
            }
            long positives = ordered.Count(s => s.label), negatives = ordered.Length - positives;
            if (positives == 0 || negatives == 0) return double.NaN;
            return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
        }

        sealed class Row
        {
            public bool Label { get; set; }
            public int Fold { get; set; }
            public float[] Features { get; set; } = Array.Empty<float>();
        }

        static double[] Present(double[] values) => values.Where(v => !double.IsNaN(v)).ToArray();

        static Dictionary<string, double> Frequencies(IReadOnlyList<string?> values) =>
            values.GroupBy(v => v ?? "\0").ToDictionary(g => g.Key, g => (double)g.Count() / values.Count);
    }
}

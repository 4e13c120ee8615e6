using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Generative.ML.Transformers.Tables;

namespace Generative.ML.Estimators.Tables
{
    /// <summary>
    /// Are the synthetic rows new, or near-copies of the training rows? Each synthetic row's distance to its closest
    /// training row, against the same distance for real rows the model never saw (a held-out part of the table). If the
    /// model had learned the population and not the people in the table, both would lie as far from the training rows.
    /// The distance is Gower's: the mean over the columns of |a - b| / the training column's range for numbers, and 0 or
    /// 1 for a category (a blank is one, and a blank against a number costs 1). This is an empirical check, not a
    /// guarantee: it measures closeness to single training rows, not what an attacker with other data could infer
    /// (differential privacy would bound that, and this library does not give it).
    /// </summary>
    public sealed class PrivacyCheck
    {
        /// <summary>The percentile of the held-out distances that <see cref="ShareCloserThanHeldOut"/> compares with: 0.05.</summary>
        public const double Percentile = 0.05;

        /// <summary>
        /// The check says the rows are near-copies (<see cref="Memorises"/>) when more than this share of them lies closer
        /// than the held-out rows' 5th percentile (5% would if they were new)...
        /// </summary>
        public const double MaxShareCloser = 0.07;

        /// <summary>... or when their median distance is below this share of the held-out rows' median.</summary>
        public const double MinMedianRatio = 0.8;

        /// <summary>The most synthetic and held-out rows measured (a seeded sample of larger tables): each costs one distance per training row.</summary>
        public const int MaxRows = 2000;

        internal PrivacyCheck(int trainingRows, double[] synthetic, double[] heldOut)
        {
            TrainingRows = trainingRows;
            SyntheticDistances = synthetic;
            HeldOutDistances = heldOut;
            var sortedHeld = heldOut.OrderBy(v => v).ToArray();
            HeldOutThreshold = Graphs.Quantiles.Of(sortedHeld, Percentile);
            ShareCloserThanHeldOut = synthetic.Count(d => d < HeldOutThreshold) / (double)synthetic.Length;
            SyntheticMedian = Graphs.Quantiles.Of(synthetic.OrderBy(v => v).ToArray(), 0.5);
            HeldOutMedian = Graphs.Quantiles.Of(sortedHeld, 0.5);
            MedianRatio = HeldOutMedian > 0 ? SyntheticMedian / HeldOutMedian : SyntheticMedian > 0 ? double.PositiveInfinity : 1;
            ExactCopies = synthetic.Count(d => d == 0);
            HeldOutExactCopies = heldOut.Count(d => d == 0);
        }

        /// <summary>Rows of the training table the distances are measured to.</summary>
        public int TrainingRows { get; }

        /// <summary>Each measured synthetic row's distance to its closest training row.</summary>
        public IReadOnlyList<double> SyntheticDistances { get; }

        /// <summary>Each measured held-out row's distance to its closest training row.</summary>
        public IReadOnlyList<double> HeldOutDistances { get; }

        /// <summary>The held-out distances' 5th percentile.</summary>
        public double HeldOutThreshold { get; }

        /// <summary>The share of synthetic rows closer to a training row than 95% of held-out rows are: about 0.05 for new rows.</summary>
        public double ShareCloserThanHeldOut { get; }

        /// <summary>The synthetic rows' median distance.</summary>
        public double SyntheticMedian { get; }

        /// <summary>The held-out rows' median distance.</summary>
        public double HeldOutMedian { get; }

        /// <summary>The synthetic median over the held-out median: about 1 for new rows, lower for near-copies.</summary>
        public double MedianRatio { get; }

        /// <summary>Synthetic rows equal to a training row in every column.</summary>
        public int ExactCopies { get; }

        /// <summary>Held-out rows equal to a training row in every column (a table with repeated rows has some: copies are then not alone a sign).</summary>
        public int HeldOutExactCopies { get; }

        /// <summary>
        /// The synthetic rows lie closer to the training rows than new real rows do: more than <see cref="MaxShareCloser"/>
        /// of them under the held-out 5th percentile, or a median ratio under <see cref="MinMedianRatio"/>.
        /// </summary>
        public bool Memorises => ShareCloserThanHeldOut > MaxShareCloser || MedianRatio < MinMedianRatio;

        /// <summary>What the check found, in plain words.</summary>
        public string Summary
        {
            get
            {
                var measured = string.Create(CultureInfo.InvariantCulture,
                    $"{100 * ShareCloserThanHeldOut:F1}% of them lie closer to a training row than 95% of the held-out rows do (5% would for new rows), " +
                    $"and their median distance is {MedianRatio:F2} times the held-out rows'.");
                var copies = ExactCopies > 0
                    ? string.Create(CultureInfo.InvariantCulture, $" {ExactCopies} synthetic rows copy a training row exactly ({HeldOutExactCopies} held-out rows do).")
                    : "";
                return Memorises
                    ? $"The synthetic rows are closer to the training rows than new real rows are: {measured} They may copy people in the training table: " +
                      "do not share them as anonymous. Train with fewer epochs or on more rows, and check again." + copies
                    : $"The synthetic rows are as far from the training rows as new real rows are: {measured} This is an empirical check against " +
                      "single training rows, not a privacy guarantee." + copies;
            }
        }

        /// <summary>The check of <paramref name="synthetic"/> and <paramref name="heldOut"/> rows against <paramref name="training"/> (each over the training table's columns).</summary>
        internal static PrivacyCheck Evaluate(TableData training, TableData synthetic, TableData heldOut, int seed)
        {
            if (training.RowCount == 0 || synthetic.RowCount == 0 || heldOut.RowCount == 0)
                throw new ArgumentException("The privacy check needs training, synthetic and held-out rows.");
            var gower = new Gower(training);
            return new PrivacyCheck(training.RowCount, gower.Closest(Sample(synthetic, seed)), gower.Closest(Sample(heldOut, unchecked(seed + 1))));
        }

        static TableData Sample(TableData t, int seed)
        {
            if (t.RowCount <= MaxRows) return t;
            var random = new Random(seed);
            var order = Enumerable.Range(0, t.RowCount).ToArray();
            random.Shuffle(order);
            return t.Rows(order[..MaxRows].OrderBy(i => i).ToArray());
        }

        /// <summary>Gower's distance to the training rows: numbers over the training range, categories and blanks 0 or 1.</summary>
        sealed class Gower
        {
            readonly TableData _training;
            readonly int _columns, _rows;
            readonly double[][] _numbers; // per column: values, NaN for blank; null for categorical
            readonly int[][] _codes; // per column: category codes (blank is its own); null for numeric
            readonly double[] _range;
            readonly Dictionary<string, int>[] _categories;

            public Gower(TableData training)
            {
                _training = training;
                _columns = training.Columns.Count;
                _rows = training.RowCount;
                _numbers = new double[_columns][];
                _codes = new int[_columns][];
                _range = new double[_columns];
                _categories = new Dictionary<string, int>[_columns];
                for (var j = 0; j < _columns; j++) {
                    if (training.Columns[j].IsNumeric) {
                        _numbers[j] = training.Numbers(j);
                        var present = _numbers[j].Where(v => !double.IsNaN(v)).ToArray();
                        _range[j] = present.Length > 0 ? present.Max() - present.Min() : 0;
                    } else {
                        _categories[j] = new Dictionary<string, int>();
                        _codes[j] = Codes(training.Categories(j), _categories[j], grow: true);
                    }
                }
            }

            static int[] Codes(string?[] values, Dictionary<string, int> known, bool grow) => values.Select(v => {
                var key = v ?? "\0";
                if (known.TryGetValue(key, out var code)) return code;
                if (!grow) return -1; // a category the training rows never had: unlike all of them
                known[key] = known.Count;
                return known.Count - 1;
            }).ToArray();

            /// <summary>Each row's distance to its closest training row.</summary>
            public double[] Closest(TableData rows)
            {
                var names = _training.Columns.Select(c => c.Name).ToArray();
                var numbers = new double[_columns][];
                var codes = new int[_columns][];
                for (var j = 0; j < _columns; j++) {
                    var k = rows.IndexOf(names[j]);
                    if (_numbers[j] is not null) numbers[j] = rows.Numbers(k);
                    else codes[j] = Codes(rows.Categories(k), _categories[j], grow: false);
                }
                var result = new double[rows.RowCount];
                System.Threading.Tasks.Parallel.For(0, rows.RowCount, r => {
                    var best = double.PositiveInfinity;
                    for (var t = 0; t < _rows && best > 0; t++) {
                        double sum = 0;
                        for (var j = 0; j < _columns && sum < best * _columns; j++) {
                            if (_numbers[j] is { } column) {
                                double a = numbers[j][r], b = column[t];
                                if (double.IsNaN(a) || double.IsNaN(b)) sum += double.IsNaN(a) && double.IsNaN(b) ? 0 : 1;
                                else if (a != b) sum += _range[j] > 0 ? Math.Min(1, Math.Abs(a - b) / _range[j]) : 1;
                            } else if (codes[j][r] != _codes[j][t]) {
                                sum += 1;
                            }
                        }
                        best = Math.Min(best, sum / _columns);
                    }
                    result[r] = best;
                });
                return result;
            }
        }
    }
}

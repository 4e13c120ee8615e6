using System;
using System.Linq;
using Generative.ML.Estimators.Tables;
using Generative.ML.Transformers.Tables;
using Microsoft.ML;

namespace Generative.ML.Estimators.Tests.Tables
{
    public class SyntheticQualityTests
    {
        [Fact]
        public void Kolmogorov_smirnov_is_the_largest_gap_between_the_distribution_functions()
        {
            // F_a - F_b at 1: 1/3 - 0; at 2: 2/3 - 1/3; at 3: 1 - 2/3; at 4: 1 - 1.
            Assert.Equal(1.0 / 3, SyntheticQuality.KolmogorovSmirnov(new double[] { 1, 2, 3 }, new double[] { 2, 3, 4 }), 12);
            Assert.Equal(0, SyntheticQuality.KolmogorovSmirnov(new double[] { 5, 1, 3 }, new double[] { 1, 3, 5 }));
            Assert.Equal(1, SyntheticQuality.KolmogorovSmirnov(new double[] { 1, 2 }, new double[] { 3, 4 }));
            // Ties: a = {1, 1, 2, 2}, b = {1, 2, 2, 2}: at 1, 1/2 - 1/4.
            Assert.Equal(0.25, SyntheticQuality.KolmogorovSmirnov(new double[] { 1, 1, 2, 2 }, new double[] { 1, 2, 2, 2 }), 12);
        }

        [Fact]
        public void Total_variation_is_half_the_summed_difference_of_frequencies_with_blanks_a_category()
        {
            // p = (2/3, 1/3), q = (1/3, 2/3): 0.5 * (1/3 + 1/3).
            Assert.Equal(1.0 / 3, SyntheticQuality.TotalVariation(new[] { "a", "a", "b" }, new[] { "a", "b", "b" }), 12);
            // p = (a 1/2, blank 1/2), q = (a 1/2, c 1/2): 0.5 * (1/2 + 1/2).
            Assert.Equal(0.5, SyntheticQuality.TotalVariation(new[] { "a", null }, new[] { "a", "c" }), 12);
            Assert.Equal(0, SyntheticQuality.TotalVariation(new[] { "x", "y" }, new[] { "y", "x" }));
        }

        [Fact]
        public void Pair_trends_compare_correlations_and_joint_frequencies()
        {
            var columns = new[] {
                new TableColumn("x", TableColumnKind.Continuous, TableValueType.Double), new TableColumn("y", TableColumnKind.Continuous, TableValueType.Double),
                new TableColumn("c", TableColumnKind.Categorical, TableValueType.Text), new TableColumn("d", TableColumnKind.Categorical, TableValueType.Text),
            };
            var x = Enumerable.Range(0, 40).Select(i => (double)i).ToArray();
            var real = new TableData(columns, new Array[] { x, x.Select(v => 2 * v).ToArray(), Labels(i => i % 2 == 0 ? "u" : "v"), Labels(i => i % 2 == 0 ? "p" : "q") });
            // y falls where it rose (correlation 1 against -1: similarity 0); d no longer follows c (half the joint mass moves: 0.5).
            var synthetic = new TableData(columns, new Array[] { x, x.Select(v => -v).ToArray(), Labels(i => i % 2 == 0 ? "u" : "v"), Labels(i => i % 4 < 2 ? "p" : "q") });
            var report = SyntheticQuality.Evaluate(real, synthetic);
            var xy = report.PairTrends.Single(p => p.First == "x" && p.Second == "y");
            Assert.Equal(("correlation", 1.0, -1.0), (xy.Metric, Math.Round(xy.Real, 9), Math.Round(xy.Synthetic, 9)));
            Assert.Equal(0, xy.Score, 9);
            var cd = report.PairTrends.Single(p => p.First == "c" && p.Second == "d");
            Assert.Equal("contingency", cd.Metric);
            Assert.Equal(0.5, cd.Score, 9);
            Assert.Equal(6, report.PairTrends.Count);
            // y: real {0, 2, ..., 78} against synthetic {-39, ..., 0}: at 0 the synthetic F is 1 and the real 1/40, so KS = 39/40.
            Assert.Equal(new[] { 1.0, Math.Round(1 - 39.0 / 40, 9), 1.0, 1.0 }, report.ColumnShapes.Select(s => Math.Round(s.Score, 9)));
        }

        [Fact]
        public void Auc_counts_ordered_pairs_and_half_the_ties()
        {
            // Positives 0.9, 0.4; negatives 0.5, 0.4, 0.1: of 6 pairs, 0.9 beats all three, 0.4 beats 0.1 and ties 0.4.
            var scored = new[] { (true, 0.9f), (true, 0.4f), (false, 0.5f), (false, 0.4f), (false, 0.1f) };
            Assert.Equal((3 + 1 + 0.5) / 6, SyntheticQuality.Auc(scored), 12);
            Assert.Equal(1, SyntheticQuality.Auc(new[] { (true, 2f), (false, 1f) }));
        }

        static string?[] Labels(Func<int, string> f) => Enumerable.Range(0, 40).Select(f).ToArray();

        [Fact]
        public void Detectability_is_near_half_for_rows_of_one_distribution_and_near_one_for_rows_of_another()
        {
            var ml = new MLContext(0);
            var a = ml.Data.LoadFromEnumerable(TableSynthesizerTests.Customers(1000, seed: 10));
            var b = ml.Data.LoadFromEnumerable(TableSynthesizerTests.Customers(1000, seed: 11));
            var same = ml.Data.EvaluateSynthetic(a, b);
            Assert.InRange(same.DetectionAuc, 0.4, 0.6);
            Assert.InRange(same.ColumnShapeMean, 0.9, 1);
            // Independent columns: every marginal right, every relation lost (the north's higher spend, members' visits).
            var rows = TableSynthesizerTests.Customers(1000, seed: 12);
            var r = new Random(1);
            var shuffled = rows.Select(c => new TableSynthesizerTests.Customer {
                Region = rows[r.Next(rows.Length)].Region, Visits = rows[r.Next(rows.Length)].Visits, Spend = rows[r.Next(rows.Length)].Spend,
                Tenure = rows[r.Next(rows.Length)].Tenure, Member = rows[r.Next(rows.Length)].Member,
            }).ToArray();
            var independent = ml.Data.EvaluateSynthetic(a, ml.Data.LoadFromEnumerable(shuffled));
            Assert.True(independent.DetectionAuc > 0.65, $"detection AUC of independent columns: {independent.DetectionAuc}");
            Assert.True(independent.PairTrendMean < same.PairTrendMean, $"{independent.PairTrendMean} vs {same.PairTrendMean}");
        }
    }
}

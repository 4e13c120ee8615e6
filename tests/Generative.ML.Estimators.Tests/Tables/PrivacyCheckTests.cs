using System;
using System.Linq;
using Generative.ML.Estimators.Tables;
using Generative.ML.Transformers.Tables;
using Microsoft.ML;

namespace Generative.ML.Estimators.Tests.Tables
{
    public class PrivacyCheckTests
    {
        static readonly TableColumn[] Columns = {
            new("x", TableColumnKind.Continuous, TableValueType.Double), new("c", TableColumnKind.Categorical, TableValueType.Text),
        };

        static TableData Table(double[] x, string?[] c) => new(Columns, new Array[] { x, c });

        [Fact]
        public void The_distance_is_gowers_numbers_over_the_training_range_and_categories_and_blanks_zero_or_one()
        {
            // Training x spans 0..10 (range 10).
            var training = Table(new double[] { 0, 10, 5 }, new[] { "a", "b", null });
            // (2, "a"): to (0, a) (0.2 + 0) / 2 = 0.1. (5, null): equal to the third row, 0. (NaN, "b"): to (10, b) (1 + 0) / 2 = 0.5.
            // (4, "z"): "z" is no training category: to (5, null) (0.1 + 1) / 2 = 0.55, to (0, a) (0.4 + 1) / 2 = 0.7.
            var synthetic = Table(new[] { 2, 5, double.NaN, 4 }, new[] { "a", null, "b", "z" });
            // Held-out rows at 0.05, 0.25, 0.35 and 0.45.
            var heldOut = Table(new double[] { 1, 5, 3, 1 }, new[] { "a", "a", "b", "b" });
            var check = SyntheticQuality.Evaluate(training, synthetic, heldOut: heldOut).Privacy!;
            Assert.Equal(new[] { 0.1, 0, 0.5, 0.55 }, check.SyntheticDistances.Select(d => Math.Round(d, 12)));
            Assert.Equal(new[] { 0.05, 0.25, 0.35, 0.45 }, check.HeldOutDistances.Select(d => Math.Round(d, 12)));
            Assert.Equal(1, check.ExactCopies);
            Assert.Equal(0, check.HeldOutExactCopies);
            // The held-out 5th percentile (numpy's rule): 0.05 + 0.15 * 0.2 = 0.08; one synthetic row of four lies below it.
            Assert.Equal(0.08, check.HeldOutThreshold, 12);
            Assert.Equal(0.25, check.ShareCloserThanHeldOut, 12);
            Assert.Equal((0.1 + 0.5) / 2 / ((0.25 + 0.35) / 2), check.MedianRatio, 12);
            Assert.True(check.Memorises);
            Assert.Contains("may copy people in the training table", check.Summary);
            Assert.Contains("1 synthetic rows copy a training row exactly", check.Summary);
        }

        [Fact]
        public void New_rows_of_the_same_population_pass_and_copies_of_training_rows_are_caught()
        {
            var ml = new MLContext(0);
            var training = TableSynthesizerTests.Customers(600, seed: 20);
            var heldOut = ml.Data.LoadFromEnumerable(TableSynthesizerTests.Customers(300, seed: 21));
            var fresh = ml.Data.EvaluateSynthetic(ml.Data.LoadFromEnumerable(training), ml.Data.LoadFromEnumerable(TableSynthesizerTests.Customers(500, seed: 22)), heldOut);
            var p = fresh.Privacy!;
            Assert.InRange(p.ShareCloserThanHeldOut, 0.01, 0.07);
            Assert.InRange(p.MedianRatio, 0.85, 1.2);
            Assert.False(p.Memorises, p.Summary);
            Assert.Contains("as far from the training rows as new real rows are", p.Summary);
            // Training rows with a little noise on one number: near-copies.
            var r = new Random(3);
            var copies = training.Take(500).Select(c => new TableSynthesizerTests.Customer {
                Region = c.Region, Visits = c.Visits, Spend = c.Spend + (float)(0.01 * r.NextDouble()), Tenure = c.Tenure, Member = c.Member,
            }).ToArray();
            var copied = ml.Data.EvaluateSynthetic(ml.Data.LoadFromEnumerable(training), ml.Data.LoadFromEnumerable(copies), heldOut).Privacy!;
            Assert.True(copied.Memorises);
            Assert.True(copied.ShareCloserThanHeldOut > 0.9 && copied.MedianRatio < 0.1, copied.Summary);
            // Without held-out rows the check is not made, and says so by its absence.
            Assert.Null(ml.Data.EvaluateSynthetic(ml.Data.LoadFromEnumerable(training), ml.Data.LoadFromEnumerable(copies)).Privacy);
        }

        [Fact]
        public void Detectability_reads_an_auc_below_half_as_half()
        {
            var ml = new MLContext(0);
            var a = ml.Data.LoadFromEnumerable(TableSynthesizerTests.Customers(300, seed: 30));
            var b = ml.Data.LoadFromEnumerable(TableSynthesizerTests.Customers(300, seed: 31));
            var report = ml.Data.EvaluateSynthetic(a, b);
            Assert.Equal(Math.Max(report.DetectionAuc, 0.5), report.Detectability);
            Assert.Equal(5, report.DetectionAucByFold.Count);
            Assert.InRange(report.DetectionAuc, report.DetectionAucByFold.Min() - 0.2, report.DetectionAucByFold.Max() + 0.2);
        }
    }
}

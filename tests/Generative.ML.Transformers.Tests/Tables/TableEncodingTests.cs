using System;
using System.Linq;
using Generative.ML.Graphs;
using Generative.ML.Transformers.Tables;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Transformers.Tests.Tables
{
    public class TableEncodingTests
    {
        [Theory]
        [InlineData(ContinuousEncoding.Quantile)]
        [InlineData(ContinuousEncoding.ModeSpecific)]
        public void Encoding_then_decoding_gives_back_the_training_rows(ContinuousEncoding continuous)
        {
            var table = CustomerTable.Make(500, seed: 1);
            var encoding = TableEncoding.Fit(table, continuous: continuous);
            var x = encoding.Encode(table);
            // Decoding the encoded rows themselves, with no spread: one-hot groups and indicators are probabilities 0 or 1.
            var std = encoding.Heads.Where(h => h.Kind == TableHeadKind.Gaussian).Select(_ => 0f).ToArray();
            if (continuous == ContinuousEncoding.ModeSpecific) {
                // Spend's two modes (20 and 80, north +15) are found as modes, each with its own softmax slot.
                Assert.InRange(encoding.Encodings[2].Modes!.Weights.Length, 2, 10);
                Assert.Contains(encoding.Encodings[2].Modes!.Means, m => Math.Abs(m - 20) < 5);
                Assert.Contains(encoding.Encodings[2].Modes!.Means, m => Math.Abs(m - 80) < 5);
            }
            var back = encoding.Decode(x, table.RowCount, std, new Random(0));
            Assert.Equal(table.Categories(0), back.Categories(0));
            Assert.Equal(table.Numbers(1), back.Numbers(1)); // whole numbers exactly, zeros included
            for (var j = 2; j <= 3; j++) {
                var (a, b) = (table.Numbers(j), back.Numbers(j));
                var range = a.Where(v => !double.IsNaN(v)).Max() - a.Where(v => !double.IsNaN(v)).Min();
                for (var r = 0; r < a.Length; r++) {
                    Assert.Equal(double.IsNaN(a[r]), double.IsNaN(b[r]));
                    if (!double.IsNaN(a[r])) Assert.True(Math.Abs(a[r] - b[r]) < 1e-4 * range, $"{table.Columns[j].Name} row {r}: {a[r]} came back as {b[r]}");
                }
            }
        }

        [Fact]
        public void The_layout_has_a_value_and_a_blank_indicator_per_number_and_a_group_per_category()
        {
            var encoding = TableEncoding.Fit(CustomerTable.Make(300, seed: 2));
            Assert.Equal(new[] { TableHeadKind.Categorical, TableHeadKind.Gaussian, TableHeadKind.Missing, TableHeadKind.Gaussian, TableHeadKind.Missing,
                                 TableHeadKind.Gaussian, TableHeadKind.Missing }, encoding.Heads.Select(h => h.Kind));
            Assert.Equal(3 + 6, encoding.Width);
            Assert.Equal(CustomerTable.Regions.OrderBy(r => r).ToArray(), encoding.Encodings[0].Categories!.OrderBy(r => r).ToArray());
            Assert.InRange(encoding.Encodings[3].MissingRate, 0.05, 0.15);
            Assert.Equal(0, encoding.Encodings[2].MissingRate);
        }

        [Fact]
        public void Quantile_scale_keeps_point_masses_and_the_range()
        {
            var values = Enumerable.Repeat(0.0, 40).Concat(Enumerable.Range(1, 60).Select(i => (double)i)).ToArray();
            var scale = QuantileScale.Fit(values);
            Assert.Equal(0, scale.Decode(scale.Encode(0)));
            Assert.Equal(0, scale.Decode(-3)); // the lower 40% all decode to the point mass
            Assert.Equal(60, scale.Decode(10));
            Assert.Equal(60, scale.Decode(scale.Encode(1000))); // beyond the range: the end
            // The normal score of the median is about 0, and it is monotone.
            Assert.True(scale.Encode(20) < scale.Encode(30));
            Assert.InRange(scale.Encode(values.OrderBy(v => v).ElementAt(50)), -0.2, 0.2);
        }

        [Fact]
        public void A_data_view_round_trips_through_a_table_in_its_own_types()
        {
            var ml = new MLContext(0);
            var rows = new[] {
                new Row { Region = "north", Visits = 3, Spend = 12.5f, Tenure = 2.5, Member = true },
                new Row { Region = "", Visits = 0, Spend = float.NaN, Tenure = double.NaN, Member = false },
            };
            var view = ml.Data.LoadFromEnumerable(rows);
            var table = TableDataView.Read(view);
            Assert.Equal(new[] { TableColumnKind.Categorical, TableColumnKind.Integer, TableColumnKind.Continuous, TableColumnKind.Continuous,
                                 TableColumnKind.Categorical }, table.Columns.Select(c => c.Kind));
            Assert.Null(table.Categories(0)[1]); // empty text is a blank
            Assert.True(double.IsNaN(table.Numbers(2)[1]));
            var back = ml.Data.CreateEnumerable<Row>(TableDataView.ToDataView(table), reuseRowObject: false).ToArray();
            Assert.Equal(rows[0].Region, back[0].Region);
            Assert.Equal(3, back[0].Visits);
            Assert.Equal(12.5f, back[0].Spend);
            Assert.True(back[0].Member);
            Assert.True(float.IsNaN(back[1].Spend));
            Assert.Equal("", back[1].Region);
        }

        [Fact]
        public void A_column_a_table_cannot_hold_is_refused_by_name()
        {
            var ml = new MLContext(0);
            var view = ml.Data.LoadFromEnumerable(new[] { new WithVector { Name = "a", Features = new float[] { 1, 2 } } });
            var e = Assert.Throws<TableSchemaException>(() => TableDataView.Read(view));
            Assert.Equal("Features", e.Column);
            Assert.Contains("'Features'", e.Message);
            Assert.Equal(1, TableDataView.Read(view, new[] { "Name" }).RowCount);
        }

        [Fact]
        public void A_column_whose_type_changed_since_training_is_refused()
        {
            var table = CustomerTable.Make(100, seed: 3);
            var encoding = TableEncoding.Fit(table);
            var changed = new TableData(table.Columns.Select(c => c.Name == "spend" ? c with { ValueType = TableValueType.Double } : c).ToArray(),
                                        Enumerable.Range(0, 4).Select(j => table.Columns[j].IsNumeric ? (Array)table.Numbers(j) : table.Categories(j)).ToArray());
            var e = Assert.Throws<TableSchemaException>(() => encoding.Encode(changed));
            Assert.Equal("spend", e.Column);
            Assert.Contains("was Single", e.Message);
            var missing = table.Select(new[] { "region", "visits", "tenure" });
            Assert.Equal("spend", Assert.Throws<TableSchemaException>(() => encoding.Encode(missing)).Column);
        }

        [Fact]
        public void An_unseen_category_encodes_as_an_empty_group()
        {
            var table = CustomerTable.Make(100, seed: 4);
            var encoding = TableEncoding.Fit(table);
            var one = new TableData(table.Columns, new Array[] { new string?[] { "mars" }, new[] { 1.0 }, new[] { 30.0 }, new[] { 2.0 } });
            Assert.Equal(0, encoding.Encode(one).Take(3).Sum());
        }

        [Fact]
        public void Calibration_brings_generated_columns_to_the_training_shares_and_shapes()
        {
            var table = CustomerTable.Make(2000, seed: 5);
            var encoding = TableEncoding.Fit(table);
            // A model that has every region equally likely, spend's scores shifted by 1, and tenure blank at 2% (not 10%).
            const int rows = 20000;
            var random = new Random(1);
            var means = new float[rows * encoding.Width];
            for (var r = 0; r < rows; r++) {
                for (var i = 0; i < 3; i++) means[r * encoding.Width + i] = 1f / 3;
                means[r * encoding.Width + 5] = 1 + (float)CustomerTable.Gaussian(random);   // spend's score
                means[r * encoding.Width + 8] = 0.02f;                                         // tenure's blank probability
            }
            var std = new[] { 0.1f, 0.5f, 0.1f };
            var calibration = encoding.Calibrate(means, rows, std, new Random(2));
            var generated = encoding.Decode(means, rows, std, new Random(3), calibration: calibration);
            var real = table.Categories(0).GroupBy(v => v).ToDictionary(g => g.Key!, g => g.Count() / 2000.0);
            foreach (var region in CustomerTable.Regions)
                Assert.InRange(generated.Categories(0).Count(v => v == region) / (double)rows, real[region] - 0.02, real[region] + 0.02);
            // Spend's quartiles are the training ones, not those of the shifted draws.
            double Quartile(double[] v, double q) => v.Where(x => !double.IsNaN(x)).OrderBy(x => x).ElementAt((int)(q * v.Count(x => !double.IsNaN(x))));
            foreach (var q in new[] { 0.25, 0.5, 0.75 })
                Assert.InRange(Quartile(generated.Numbers(2), q), Quartile(table.Numbers(2), q) - 3, Quartile(table.Numbers(2), q) + 3);
            Assert.InRange(generated.Numbers(3).Count(double.IsNaN) / (double)rows, encoding.Encodings[3].MissingRate - 0.02, encoding.Encodings[3].MissingRate + 0.02);
            var uncalibrated = encoding.Decode(means, rows, std, new Random(3));
            Assert.True(Math.Abs(Quartile(uncalibrated.Numbers(2), 0.5) - Quartile(table.Numbers(2), 0.5)) > 10, "the shift shows without calibration");
        }

        sealed class Row
        {
            public string Region { get; set; } = "";
            public int Visits { get; set; }
            public float Spend { get; set; }
            public double Tenure { get; set; }
            public bool Member { get; set; }
        }

        sealed class WithVector
        {
            public string Name { get; set; } = "";
            [VectorType(2)] public float[] Features { get; set; } = Array.Empty<float>();
        }
    }
}

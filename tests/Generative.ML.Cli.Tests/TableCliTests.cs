using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Generative.ML.Cli.Tests
{
    /// <summary>gml over a CSV with text, whole numbers and blank cells: nothing left out, rows back in the table's own columns.</summary>
    [Trait("Category", "EndToEnd")]
    public class TableCliTests : IDisposable
    {
        readonly string _dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gml-table-{Guid.NewGuid():N}");

        public TableCliTests()
        {
            Directory.CreateDirectory(_dir);
            var r = new Random(2);
            var regions = new[] { "north", "north", "south", "east" };
            // 600 rows to train on, and 200 more of the same population as the held-out part.
            var all = new[] { "region,visits,spend,tenure" }.Concat(Enumerable.Range(0, 800).Select(_ => {
                var region = regions[r.Next(4)];
                var visits = r.NextDouble() < 0.4 ? 0 : r.Next(1, 13);
                var spend = (r.NextDouble() < 0.5 ? 20 : 60) + (region == "north" ? 40 : 0) + 3 * (r.NextDouble() - 0.5);
                var tenure = r.NextDouble() < 0.1 ? "" : Math.Exp(1 + 0.8 * (r.NextDouble() - 0.5)).ToString("F2", CultureInfo.InvariantCulture);
                return $"{region},{visits},{spend.ToString("F2", CultureInfo.InvariantCulture)},{tenure}";
            })).ToArray();
            File.WriteAllLines(Path("customers.csv"), all.Take(601));
            File.WriteAllLines(Path("held.csv"), all.Take(1).Concat(all.Skip(601)));
        }

        string Path(string name) => System.IO.Path.Combine(_dir, name);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        (int exit, string output, string error) Gml(params string[] args) => Tests.Gml.Run(_dir, args);

        [Fact]
        public void A_mixed_csv_trains_on_every_column_and_generates_rows_its_columns_can_hold()
        {
            var (exit, output, error) = Gml("train", "--data", "customers.csv", "--epochs", "40", "--batch-size", "64", "--condition", "region", "--out", "table.zip");
            Assert.True(exit == 0, error);
            Assert.Contains("region (categorical, 3 values), visits (integer), spend, tenure (", output);

            Assert.Equal(0, Gml("sample", "--model", "table.zip", "--count", "300", "--seed", "4", "--where", "region=south", "--out", "south.csv").exit);
            var lines = File.ReadAllLines(Path("south.csv"));
            Assert.Equal("region,visits,spend,tenure", lines[0]);
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
            Assert.Equal(300, rows.Length);
            Assert.All(rows, row => Assert.Equal("south", row[0]));
            Assert.All(rows, row => Assert.InRange(int.Parse(row[1], CultureInfo.InvariantCulture), 0, 12)); // whole numbers within the range
            Assert.Contains(rows, row => row[3].Length == 0); // blanks come back
            Assert.True(rows.Average(row => double.Parse(row[2], CultureInfo.InvariantCulture)) < 60, "south spends like the south");
            // Numbers in the column's own precision: spend and tenure were written with two decimals, and so are they.
            Assert.All(rows.Select(row => row[2]).Concat(rows.Select(row => row[3]).Where(v => v.Length > 0)),
                       v => Assert.Matches(@"^-?\d+(\.\d{1,2})?$", v));

            var bad = Gml("sample", "--model", "table.zip", "--count", "5", "--where", "region=mars", "--out", "x.csv");
            Assert.Equal(1, bad.exit);
            Assert.Contains("'region'", bad.error);

            Assert.Equal(0, Gml("score", "--model", "table.zip", "--data", "customers.csv", "--out", "scores.csv").exit);
            Assert.Equal("region,visits,spend,tenure,Score,PredictedLabel,TopColumn", File.ReadLines(Path("scores.csv")).First());

            Assert.Equal(0, Gml("sample", "--model", "table.zip", "--count", "600", "--out", "all.csv").exit);
            var report = Gml("report", "--real", "customers.csv", "--synthetic", "all.csv", "--out", "report");
            Assert.True(report.exit == 0, report.error);
            Assert.Contains("detectability", report.output);
            Assert.Contains("Privacy not checked: give --held-out", report.output);
            Assert.True(File.Exists(Path("report/report.md")));
            Assert.Equal(new[] { "column-region.png", "column-spend.png", "column-tenure.png", "column-visits.png", "pair-trends.png" },
                         Directory.GetFiles(Path("report"), "*.png").Select(System.IO.Path.GetFileName).OrderBy(n => n));
            // With held-out rows: the distances to the closest training row, in words and as privacy.png.
            report = Gml("report", "--real", "customers.csv", "--synthetic", "all.csv", "--held-out", "held.csv", "--out", "checked");
            Assert.True(report.exit == 0, report.error);
            Assert.Contains("times the held-out rows'", report.output);
            var markdown = File.ReadAllText(Path("checked/report.md"));
            Assert.Contains("- privacy, distance to the closest training row against held.csv:", markdown);
            Assert.True(File.Exists(Path("checked/privacy.png")));
            // A held-out file without the real table's columns: one line naming it.
            File.WriteAllLines(Path("wrong.csv"), new[] { "region,visits", "north,1" });
            var wrong = Gml("report", "--real", "customers.csv", "--synthetic", "all.csv", "--held-out", "wrong.csv", "--out", "x");
            Assert.Equal(1, wrong.exit);
            Assert.StartsWith("error: wrong.csv", wrong.error);
        }

        [Fact]
        public void A_numeric_kind_on_a_mixed_csv_is_refused_with_the_way_out()
        {
            var (exit, _, error) = Gml("train", "--data", "customers.csv", "--kind", "ae", "--out", "m.zip");
            Assert.Equal(1, exit);
            Assert.Contains("text or blank cells", error);
            Assert.Contains("--columns", error);
        }
    }
}

using System;
using System.IO;
using System.Linq;
using Generative.ML.Transformers.Tables;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators.Tests.Tables
{
    public class TableSynthesizerTests
    {
        /// <summary>A customer row as an ML.NET app has it: text, a count, a Single, a Double that can be blank, a Boolean.</summary>
        public sealed class Customer
        {
            public string Region { get; set; } = "";
            public int Visits { get; set; }
            public float Spend { get; set; }
            public double Tenure { get; set; }
            public bool Member { get; set; }
        }

        static readonly string[] Regions = { "north", "south", "east" };

        /// <summary>Spend has two modes and is 40 higher in the north; members visit more; tenure is skewed and 10% blank.</summary>
        public static Customer[] Customers(int rows, int seed)
        {
            var r = new Random(seed);
            double Normal() => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
            return Enumerable.Range(0, rows).Select(_ => {
                var k = r.NextDouble() < 0.5 ? 0 : r.NextDouble() < 0.6 ? 1 : 2;
                var member = r.NextDouble() < 0.3;
                return new Customer {
                    Region = Regions[k],
                    Member = member,
                    Visits = r.NextDouble() < (member ? 0.1 : 0.5) ? 0 : 1 + (int)Math.Floor(-Math.Log(1 - r.NextDouble()) * (member ? 8 : 2)),
                    Spend = (float)((r.NextDouble() < 0.5 ? 20 : 60) + (k == 0 ? 40 : 0) + 3 * Normal()),
                    Tenure = r.NextDouble() < 0.1 ? double.NaN : Math.Exp(1 + 0.8 * Normal()),
                };
            }).ToArray();
        }

        // Batches of 64 (the tables' default is 32): these tests are about scores and conditions, and half the steps keep them quick.
        static readonly Lazy<(MLContext ml, TableSynthesizer synthesizer, Customer[] rows)> Trained = new(() => {
            var ml = new MLContext(0);
            var rows = Customers(2000, seed: 1);
            var synthesizer = ml.Data.FitTableSynthesizer(ml.Data.LoadFromEnumerable(rows), new TableSynthesizerOptions { Epochs = 150, BatchSize = 64, Seed = 1, Threads = 1 });
            return (ml, synthesizer, rows);
        });

        static readonly Lazy<TableSynthesizer> Conditional = new(() => {
            var ml = new MLContext(0);
            return ml.Data.FitTableSynthesizer(ml.Data.LoadFromEnumerable(Customers(2000, seed: 2)),
                                               new TableSynthesizerOptions { ConditionColumn = "Region", Epochs = 60, BatchSize = 64, Seed = 2, Threads = 1 });
        });

        [Fact]
        public void Generated_rows_come_back_in_the_tables_own_columns_types_and_categories()
        {
            var (ml, synthesizer, rows) = Trained.Value;
            var view = synthesizer.GenerateDataView(2000, seed: 7);
            Assert.Equal(new[] { "Region", "Visits", "Spend", "Tenure", "Member" }, view.Schema.Select(c => c.Name));
            Assert.Equal(new DataViewType[] { TextDataViewType.Instance, NumberDataViewType.Int32, NumberDataViewType.Single, NumberDataViewType.Double,
                                              BooleanDataViewType.Instance }, view.Schema.Select(c => c.Type));
            var generated = ml.Data.CreateEnumerable<Customer>(view, reuseRowObject: false).ToArray();
            Assert.All(generated, g => Assert.Contains(g.Region, Regions));
            Assert.InRange(generated.Min(g => g.Visits), rows.Min(r => r.Visits), rows.Max(r => r.Visits));
            Assert.InRange(generated.Max(g => g.Visits), rows.Min(r => r.Visits), rows.Max(r => r.Visits));
            Assert.InRange(generated.Min(g => g.Spend), rows.Min(r => r.Spend), rows.Max(r => r.Spend));
            Assert.InRange(generated.Max(g => g.Spend), rows.Min(r => r.Spend), rows.Max(r => r.Spend));
            // Blanks at about the observed rate (10%), zero visits at about theirs, and both members and others.
            Assert.InRange(generated.Count(g => double.IsNaN(g.Tenure)) / 2000.0, 0.05, 0.15);
            Assert.InRange(generated.Count(g => g.Visits == 0) / 2000.0, rows.Count(r => r.Visits == 0) / 2000.0 - 0.1, rows.Count(r => r.Visits == 0) / 2000.0 + 0.1);
            Assert.InRange(generated.Count(g => g.Member) / 2000.0, 0.2, 0.4);
            // The pair trend of the table: spend is about 40 higher in the north.
            var north = generated.Where(g => g.Region == "north").Average(g => g.Spend);
            var rest = generated.Where(g => g.Region != "north").Average(g => g.Spend);
            Assert.InRange(north - rest, 30, 50);
            // The same seed, the same rows.
            Assert.Equal(synthesizer.Generate(50, seed: 3).Numbers(2), synthesizer.Generate(50, seed: 3).Numbers(2));
        }

        [Fact]
        public void Conditional_rows_honour_the_condition_and_follow_it()
        {
            var synthesizer = Conditional.Value;
            var north = synthesizer.Generate(500, seed: 1, condition: "north");
            var south = synthesizer.Generate(500, seed: 1, condition: "south");
            Assert.All(north.Categories(0), v => Assert.Equal("north", v));
            Assert.All(south.Categories(0), v => Assert.Equal("south", v));
            // Through the model, not by filtering: the spend of the rows follows their region.
            Assert.InRange(north.Numbers(2).Average() - south.Numbers(2).Average(), 30, 50);
            var e = Assert.Throws<TableSchemaException>(() => synthesizer.Generate(10, condition: "mars"));
            Assert.Equal("Region", e.Column);
            Assert.Contains("'north'", e.Message);
        }

        [Fact]
        public void Scores_name_the_column_that_is_off_and_an_unseen_category_is_scored()
        {
            var (ml, synthesizer, rows) = Trained.Value;
            var normal = rows.Take(200).ToArray();
            var odd = normal.Select(r => new Customer { Region = r.Region, Visits = r.Visits, Spend = r.Spend, Tenure = r.Tenure, Member = r.Member }).ToArray();
            odd[0].Spend = 40 + (odd[0].Region == "north" ? 0 : 40); // between the modes, and on the wrong side of the region's shift
            odd[1].Region = "mars";                                   // a category never seen
            var scores = synthesizer.Score(ml.Data.LoadFromEnumerable(odd));
            var baseline = synthesizer.Score(ml.Data.LoadFromEnumerable(normal));
            Assert.Equal(new[] { "Region", "Visits", "Spend", "Tenure", "Member" }, scores.ColumnNames);
            Assert.Equal("Spend", scores.Explain(0)[0].Column);
            Assert.Equal("Region", scores.Explain(1)[0].Column);
            Assert.All(scores.Scores, s => Assert.True(float.IsFinite(s)));
            Assert.True(scores.Scores[1] > baseline.Scores.Max(), $"an unseen region scores {scores.Scores[1]}; the normal rows at most {baseline.Scores.Max()}");
            Assert.True(scores.Labels[1]);
            // About the contamination's share of the training rows is over the threshold.
            Assert.InRange(synthesizer.Score(ml.Data.LoadFromEnumerable(rows)).Labels.Count(l => l) / (double)rows.Length, 0.03, 0.07);
        }

        [Fact]
        public void Mode_by_mode_encoding_generates_and_scores_the_same_columns()
        {
            var ml = new MLContext(0);
            var rows = Customers(1000, seed: 3);
            using var synthesizer = ml.Data.FitTableSynthesizer(ml.Data.LoadFromEnumerable(rows), new TableSynthesizerOptions {
                ContinuousEncoding = ContinuousEncoding.ModeSpecific, Epochs = 60, BatchSize = 64, Seed = 3, Threads = 1,
            });
            Assert.NotNull(synthesizer.Encoding.Encodings[2].Modes);
            var generated = synthesizer.Generate(2000, seed: 5);
            var spend = generated.Numbers(2);
            Assert.All(spend, v => Assert.InRange(v, rows.Min(r => r.Spend), rows.Max(r => r.Spend)));
            // Spend's modes (20 and 60, +40 in the north) come back: few values fall in the empty gaps between them.
            Assert.True(spend.Count(v => v > 30 && v < 50) / 2000.0 < 0.1, "values between the modes");
            Assert.All(generated.Numbers(1), v => Assert.Equal(Math.Round(v), v));
            var scores = synthesizer.Score(ml.Data.LoadFromEnumerable(rows.Take(100)));
            Assert.All(scores.Scores, s => Assert.True(float.IsFinite(s)));
        }

        [Fact]
        public void A_column_whose_type_changed_since_fit_is_refused_by_name()
        {
            var (ml, synthesizer, rows) = Trained.Value;
            var asDouble = ml.Data.LoadFromEnumerable(rows.Select(r => new { r.Region, r.Visits, Spend = (double)r.Spend, r.Tenure, r.Member }));
            var e = Assert.Throws<TableSchemaException>(() => synthesizer.Score(asDouble));
            Assert.Equal("Spend", e.Column);
        }

        [Fact]
        public void A_saved_synthesizer_loads_without_training_and_gives_the_same_rows_and_scores()
        {
            var (ml, synthesizer, rows) = Trained.Value;
            var path = Path.Combine(Path.GetTempPath(), $"synth-{Guid.NewGuid():N}.zip");
            try {
                synthesizer.Save(path);
                using var loaded = TableSynthesizer.Load(path);
                Assert.Equal(synthesizer.Generate(100, seed: 4).Numbers(3), loaded.Generate(100, seed: 4).Numbers(3));
                Assert.Equal(synthesizer.Generate(100, seed: 4).Categories(0), loaded.Generate(100, seed: 4).Categories(0));
                var view = ml.Data.LoadFromEnumerable(rows.Take(100));
                Assert.Equal(synthesizer.Score(view).Scores, loaded.Score(view).Scores);
            } finally {
                File.Delete(path);
            }
        }
    }
}

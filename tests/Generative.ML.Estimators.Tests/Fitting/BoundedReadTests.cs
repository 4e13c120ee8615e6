using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Estimators.Fitting;
using Generative.ML.Estimators.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators.Tests.Fitting
{
    /// <summary>
    /// Fit keeps at most MaxTrainingRows rows: every row of a table that fits, in order; a seeded uniform sample of a larger
    /// one, read in one pass from a view that holds nothing (rows are made as the cursor walks).
    /// </summary>
    public class BoundedReadTests
    {
        const int Width = 3;

        sealed class Line
        {
            [VectorType(Width)]
            public float[] Features { get; set; } = Array.Empty<float>();
        }

        /// <summary>Row i is (i / n, i, 1): where a kept row came from is readable from it.</summary>
        static IDataView Lazy(MLContext ml, int n)
        {
            IEnumerable<Line> Rows()
            {
                for (var i = 0; i < n; i++) yield return new Line { Features = new[] { i / (float)n, i, 1f } };
            }
            return ml.Data.LoadFromEnumerable(Rows());
        }

        [Fact]
        public void ATableThatFitsIsKeptWholeAndInOrder()
        {
            var sample = FeatureColumn.Read(Lazy(new MLContext(1), 100), "Features", null, _ => 100, seed: 5);
            Assert.False(sample.IsSampled);
            Assert.Equal(100, sample.Data.RowCount);
            Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), Enumerable.Range(0, 100).Select(i => sample.Data.Features[i * Width + 1]));
        }

        [Fact]
        public void ALargerTableGivesASeededUniformSampleOfTheBound()
        {
            var ml = new MLContext(1);
            var sample = FeatureColumn.Read(Lazy(ml, 20_000), "Features", null, _ => 1000, seed: 5);
            Assert.True(sample.IsSampled);
            Assert.Equal(20_000, sample.TableRows);
            Assert.Equal(1000, sample.Data.RowCount);
            Assert.Equal(1000 * Width, sample.Data.Features.Length); // memory follows the sample, not the table
            var positions = Enumerable.Range(0, 1000).Select(i => sample.Data.Features[i * Width]).ToArray();
            // Uniform on [0, 1): mean 0.5 with a standard error of 0.009 over 1,000 rows; a quarter in each quarter.
            Assert.InRange(positions.Average(), 0.47, 0.53);
            for (var q = 0; q < 4; q++) Assert.InRange(positions.Count(p => p >= q * 0.25 && p < (q + 1) * 0.25), 200, 300);
            Assert.Equal(1000, positions.Distinct().Count()); // no row twice

            var again = FeatureColumn.Read(Lazy(ml, 20_000), "Features", null, _ => 1000, seed: 5);
            Assert.Equal(sample.Data.Features, again.Data.Features);
            var other = FeatureColumn.Read(Lazy(ml, 20_000), "Features", null, _ => 1000, seed: 6);
            Assert.NotEqual(sample.Data.Features, other.Data.Features);
        }

        [Fact]
        public void ABadValueBeyondTheSampleIsStillNamed()
        {
            var ml = new MLContext(1);
            var rows = Enumerable.Range(0, 500).Select(i => new Line { Features = new[] { i == 400 ? float.NaN : 0f, 1f, 2f } });
            var e = Assert.Throws<InvalidTrainingDataException>(() =>
                FeatureColumn.Read(ml.Data.LoadFromEnumerable(rows), "Features", null, _ => 10, seed: 1));
            Assert.Contains("row 400", e.Message);
        }

        [Fact]
        public void AFitOnMoreRowsThanTheBoundTrainsOnTheSampleAndASmallTableTrainsAsBefore()
        {
            var ml = new MLContext(1);
            var batches = new List<int>();
            var options = Quick.Vae();
            options.Epochs = 2;
            options.MaxTrainingRows = 300;
            options.Progress = new SynchronousProgress<TrainingProgress>(p => batches.Add(p.Batches));
            var big = ml.Data.LoadFromEnumerable(Rows.Normal(3000, 1));
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(big);
            Assert.Equal(5, batches.Distinct().Single()); // ceil(300 / 64): the trainer saw the 300 kept rows
            Assert.Equal(3000, model.Transform(big).GetColumn<float>("Score").Count());

            // A table within the bound: the same model, byte for byte, as with the automatic bound.
            var small = ml.Data.LoadFromEnumerable(Rows.Normal(300, 2));
            var bounded = Quick.Vae();
            bounded.Epochs = 2;
            bounded.MaxTrainingRows = 300;
            var automatic = Quick.Vae();
            automatic.Epochs = 2;
            Assert.Equal(ml.Transforms.VaeAnomalyScore("Score", "Features", automatic).Fit(small).Graphs.Scorer,
                         ml.Transforms.VaeAnomalyScore("Score", "Features", bounded).Fit(small).Graphs.Scorer);
        }

        [Fact]
        public void AFitOnALazyTableLargerThanTheBoundIsTheFitOnItsSampleHeldInMemory()
        {
            var ml = new MLContext(1);
            var options = Quick.Vae();
            options.Epochs = 2;
            options.MaxTrainingRows = 250;
            IEnumerable<Row> Stream()
            {
                foreach (var row in Rows.Normal(2000, 4)) yield return row; // made as the cursor walks
            }
            var lazy = ml.Data.LoadFromEnumerable(Stream());
            var fromLazy = ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(lazy);

            // The same 250 rows, held in memory, within the bound: the same model, byte for byte.
            var sample = FeatureColumn.Read(lazy, "Features", null, _ => 250, options.Seed!.Value).Data;
            var held = Enumerable.Range(0, sample.RowCount).Select(i => new Row { Features = sample.Features.AsSpan(i * Row.Width, Row.Width).ToArray() }).ToArray();
            var inMemory = Quick.Vae();
            inMemory.Epochs = 2;
            var fromMemory = ml.Transforms.VaeAnomalyScore("Score", "Features", inMemory).Fit(ml.Data.LoadFromEnumerable(held));
            Assert.Equal(fromMemory.Graphs.Scorer, fromLazy.Graphs.Scorer);
        }
    }
}

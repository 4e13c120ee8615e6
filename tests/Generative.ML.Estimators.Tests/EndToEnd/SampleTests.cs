using System;
using System.IO;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>Slow: VaeSample generates a row per seed, the same row for the same seed, also after Save and Load.</summary>
    [Trait("Category", "EndToEnd")]
    public class SampleTests
    {
        sealed class SeededRow
        {
            [VectorType(Row.Width)] public float[] Features { get; set; } = Array.Empty<float>();
            public int Seed { get; set; }
        }

        sealed class SeedOnly
        {
            public long Seed { get; set; }
        }

        sealed class GeneratedRow
        {
            public float[] Generated { get; set; } = Array.Empty<float>();
        }

        [Fact]
        public void EqualSeedsGiveEqualRowsThatFollowTheTrainingDistributionAndSurviveSaveAndLoad()
        {
            var ml = new MLContext(seed: 1);
            var train = Rows.Normal(800, 1);
            var trainView = ml.Data.LoadFromEnumerable(train.Select((r, i) => new SeededRow { Features = r.Features, Seed = i }).ToArray());
            var model = ml.Transforms.VaeSample("Generated", "Seed", "Features", Quick.Vae()).Fit(trainView);

            var seeds = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 3000).Select(i => new SeedOnly { Seed = i % 1500 }).ToArray());
            var generated = ml.Data.CreateEnumerable<GeneratedRow>(model.Transform(seeds), reuseRowObject: false).Select(g => g.Generated).ToArray();
            Assert.Equal(generated[7], generated[1507]);
            Assert.NotEqual(generated[7], generated[8]);
            Assert.Equal(Row.Width, generated[0].Length);

            var first = generated.Take(1500).ToArray();
            var (trainMean, trainVar) = Moments(train.Select(r => r.Features).ToArray());
            var (sampleMean, sampleVar) = Moments(first);
            var scale = trainVar.Max();
            Assert.True(trainMean.Zip(sampleMean, (a, b) => Math.Abs(a - b)).Max() < 0.15 * Math.Sqrt(scale), "sample mean off");
            Assert.True(trainVar.Zip(sampleVar, (a, b) => Math.Abs(a - b)).Max() < 0.2 * scale, "sample variance off");

            var zip = Path.Combine(Path.GetTempPath(), $"gml-sample-{Guid.NewGuid():N}.zip");
            try {
                ml.Model.Save(model, trainView.Schema, zip);
                var loaded = ml.Model.Load(zip, out _);
                var again = ml.Data.CreateEnumerable<GeneratedRow>(loaded.Transform(seeds), reuseRowObject: false).Select(g => g.Generated).ToArray();
                Assert.Equal(generated.SelectMany(g => g), again.SelectMany(g => g));
            } finally {
                File.Delete(zip);
            }
        }

        sealed class Int32Seed
        {
            public int Seed { get; set; }
        }

        /// <summary>
        /// Seeds are integers: 1,000 distinct seeds above 2^24 (where a Single seed column would have collided, four
        /// seeds to a value) give 1,000 distinct rows; equal seeds give equal rows whether the column is Int32 or Int64.
        /// </summary>
        [Fact]
        public void DistinctSixtyFourBitSeedsGiveDistinctRowsAndAnInt32ColumnAgreesWithInt64()
        {
            var ml = new MLContext(1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(300, 4).Select((r, i) => new SeededRow { Features = r.Features, Seed = i }).ToArray());
            using var model = ml.Transforms.VaeSample("Generated", "Seed", "Features", Quick.Vae()).Fit(train);
            const long big = (1L << 40) + 17;
            var wide = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 1000).Select(i => new SeedOnly { Seed = big + i }).ToArray());
            var rows = ml.Data.CreateEnumerable<GeneratedRow>(model.Transform(wide), reuseRowObject: false).Select(g => string.Join(",", g.Generated)).ToArray();
            Assert.Equal(1000, rows.Distinct().Count());

            var asInt64 = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 50).Select(i => new SeedOnly { Seed = i * 7 }).ToArray());
            var asInt32 = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 50).Select(i => new Int32Seed { Seed = i * 7 }).ToArray());
            var a = ml.Data.CreateEnumerable<GeneratedRow>(model.Transform(asInt64), reuseRowObject: false).SelectMany(g => g.Generated).ToArray();
            var b = ml.Data.CreateEnumerable<GeneratedRow>(model.Transform(asInt32), reuseRowObject: false).SelectMany(g => g.Generated).ToArray();
            Assert.Equal(a, b);
        }

        [Fact]
        public void ASeedColumnOfAnotherTypeIsNamed()
        {
            var ml = new MLContext();
            var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
                ml.Transforms.VaeSample("Generated", "Features", "Features", Quick.Vae()).Fit(ml.Data.LoadFromEnumerable(Rows.Normal(10, 1))));
            Assert.Contains("seed column 'Features'", e.Message);
        }

        static (double[] mean, double[] variance) Moments(float[][] rows)
        {
            var d = rows[0].Length;
            var mean = Enumerable.Range(0, d).Select(i => rows.Average(r => (double)r[i])).ToArray();
            var variance = Enumerable.Range(0, d).Select(i => rows.Sum(r => (r[i] - mean[i]) * (r[i] - mean[i])) / (rows.Length - 1)).ToArray();
            return (mean, variance);
        }
    }
}

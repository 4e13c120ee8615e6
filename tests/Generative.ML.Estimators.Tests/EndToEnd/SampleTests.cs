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
            public float Seed { get; set; }
        }

        sealed class SeedOnly
        {
            public float Seed { get; set; }
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

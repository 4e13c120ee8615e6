using System;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>Slow: the conditional VAE through a condition column: scoring given the condition, and sampling a class.</summary>
    [Trait("Category", "EndToEnd")]
    public class ConditionalTests
    {
        const int Width = 6;

        sealed class ClassRow
        {
            [VectorType(Width)] public float[] Features { get; set; } = Array.Empty<float>();
            [VectorType(2)] public float[] Class { get; set; } = Array.Empty<float>();
            public int Seed { get; set; }
        }

        sealed class Scored
        {
            public float Score { get; set; }
        }

        sealed class Generated
        {
            public float[] Sample { get; set; } = Array.Empty<float>();
        }

        /// <summary>Class 0 sits around -2, class 1 around +2, in every feature.</summary>
        static ClassRow[] Rows(int count, int seed, bool swapCondition = false)
        {
            var r = new Random(seed);
            return Enumerable.Range(0, count).Select(i => {
                var cls = i % 2;
                var shown = swapCondition ? 1 - cls : cls;
                return new ClassRow {
                    Features = Enumerable.Range(0, Width).Select(_ => (float)((cls == 0 ? -2 : 2) + 0.3 * (r.NextDouble() - 0.5))).ToArray(),
                    Class = shown == 0 ? new[] { 1f, 0f } : new[] { 0f, 1f },
                    Seed = i,
                };
            }).ToArray();
        }

        static VariationalAutoencoderOptions Options()
        {
            var o = Quick.Vae();
            o.ConditionColumnName = "Class";
            o.LatentSize = 2;
            return o;
        }

        [Fact]
        public void RowsScoreHigherUnderTheWrongConditionAndTheBatchApiAgrees()
        {
            var ml = new MLContext(seed: 1);
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", Options()).Fit(ml.Data.LoadFromEnumerable(Rows(600, 1)));
            var right = Rows(100, 2);
            var wrong = Rows(100, 2, swapCondition: true);
            float[] Scores(ClassRow[] rows) => ml.Data.CreateEnumerable<Scored>(model.Transform(ml.Data.LoadFromEnumerable(rows)), false).Select(s => s.Score).ToArray();
            var rightScores = Scores(right);
            var wrongScores = Scores(wrong);
            Assert.True(wrongScores.Min() > rightScores.Max(), $"right max {rightScores.Max():F2}, wrong min {wrongScores.Min():F2}");

            using var batch = model.CreateBatchScorer();
            // One call for 100 rows against one call per row: ONNX Runtime may round the last bit differently.
            var batched = batch.Score(right.SelectMany(r => r.Features).ToArray(), right.SelectMany(r => r.Class).ToArray()).Scores;
            Assert.All(batched.Zip(rightScores), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-5f * Math.Max(1, Math.Abs(p.Second))));
            Assert.Throws<ArgumentNullException>(() => batch.Score(right.SelectMany(r => r.Features).ToArray()));
        }

        [Fact]
        public void SamplingGivenAClassGivesRowsOfThatClass()
        {
            var ml = new MLContext(seed: 1);
            var model = ml.Transforms.VaeSample("Sample", "Seed", "Features", Options()).Fit(ml.Data.LoadFromEnumerable(Rows(600, 1)));
            var generated = ml.Data.CreateEnumerable<Generated>(model.Transform(ml.Data.LoadFromEnumerable(Rows(200, 5))), false).ToArray();
            for (var i = 0; i < generated.Length; i++) {
                var mean = generated[i].Sample.Average();
                Assert.True(i % 2 == 0 ? mean < -1 : mean > 1, $"row {i} of class {i % 2} has mean {mean:F2}");
            }
        }
    }
}

using System;
using System.Linq;
using Microsoft.ML.Data;

namespace Microsoft.ML.Tests.Data
{
    public class AnomalyDetectionTests
    {
        private readonly MLContext _ml = new(seed: 1);

        public sealed class Scored
        {
            public float Label { get; set; }
            public float Score { get; set; }
            public bool PredictedLabel { get; set; }
        }

        public sealed class BoolLabel
        {
            public bool Label { get; set; }
            public float Score { get; set; }
            public bool PredictedLabel { get; set; }
        }

        public sealed class VectorScore
        {
            public float Label { get; set; }
            [VectorType(2)] public float[] Score { get; set; } = new float[2];
            public bool PredictedLabel { get; set; }
        }

        public sealed class KeyLabel
        {
            [KeyType(2)] public uint Label { get; set; }
            public float Score { get; set; }
            public bool PredictedLabel { get; set; }
        }

        private static Scored[] Rows(params (float Label, float Score)[] rows)
            => rows.Select(r => new Scored { Label = r.Label, Score = r.Score }).ToArray();

        [Fact]
        public void AucIsTheShareOfAnomalyNormalPairsRankedRight()
        {
            var random = new Random(7);
            var rows = Enumerable.Range(0, 300).Select(i =>
            {
                bool anomaly = i % 5 == 0;
                return new Scored { Label = anomaly ? 1 : 0, Score = (float)Math.Round(random.NextDouble() + (anomaly ? 0.4 : 0), 1) };
            }).ToArray();
            // Every pair counted directly, ties as half.
            var anomalies = rows.Where(r => r.Label > 0).ToArray();
            var normals = rows.Where(r => r.Label <= 0).ToArray();
            double pairs = anomalies.Sum(a => normals.Sum(n => a.Score > n.Score ? 1.0 : a.Score == n.Score ? 0.5 : 0));
            double expected = pairs / (anomalies.Length * normals.Length);

            var metrics = _ml.AnomalyDetection.Evaluate(_ml.Data.LoadFromEnumerable(rows));
            Assert.Equal(expected, metrics.AreaUnderRocCurve, 12);
            Assert.InRange(metrics.AreaUnderRocCurve, 0.6, 0.95);
        }

        [Fact]
        public void DetectionRateCountsAnomaliesUntilOneFalsePositiveTooMany()
        {
            // Ranked by score: A N A N A N A (A = anomaly, N = normal); 4 anomalies.
            var rows = Rows((1, 0.9f), (0, 0.8f), (1, 0.7f), (0, 0.6f), (1, 0.5f), (0, 0.4f), (1, 0.3f), (0, 0.1f));
            var data = _ml.Data.LoadFromEnumerable(rows);
            Assert.Equal(2 / 4.0, _ml.AnomalyDetection.Evaluate(data, falsePositiveCount: 1).DetectionRateAtFalsePositiveCount);
            Assert.Equal(3 / 4.0, _ml.AnomalyDetection.Evaluate(data, falsePositiveCount: 2).DetectionRateAtFalsePositiveCount);
            Assert.Equal(1.0, _ml.AnomalyDetection.Evaluate(data).DetectionRateAtFalsePositiveCount);
        }

        [Fact]
        public void NaNLabelsAndNonFiniteScoresAreSkipped()
        {
            var rows = Rows((1, 2), (0, 1), (float.NaN, 100), (0, float.PositiveInfinity), (0, float.NaN));
            Assert.Equal(1.0, _ml.AnomalyDetection.Evaluate(_ml.Data.LoadFromEnumerable(rows)).AreaUnderRocCurve);
        }

        [Fact]
        public void ABooleanLabelIsRefusedAsInMLNet()
        {
            var data = _ml.Data.LoadFromEnumerable(new[] { new BoolLabel { Label = true, Score = 1 } });
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.AnomalyDetection.Evaluate(data));
            Assert.Contains("label column 'Label'", error.Message);
            Assert.Contains("Boolean", error.Message);
        }

        [Fact]
        public void AVectorScoreIsRefused()
        {
            var data = _ml.Data.LoadFromEnumerable(new[] { new VectorScore() });
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.AnomalyDetection.Evaluate(data));
            Assert.Contains("score column 'Score'", error.Message);
        }

        [Fact]
        public void ATwoValuedKeyLabelWorksWithTheSecondValueAsTheAnomaly()
        {
            var rows = new[]
            {
                new KeyLabel { Label = 2, Score = 3 }, new KeyLabel { Label = 1, Score = 2 },
                new KeyLabel { Label = 2, Score = 1 }, new KeyLabel { Label = 1, Score = 0 },
            };
            Assert.Equal(0.75, _ml.AnomalyDetection.Evaluate(_ml.Data.LoadFromEnumerable(rows)).AreaUnderRocCurve);
        }

        [Fact]
        public void MissingColumnsAreNamed()
        {
            var data = _ml.Data.LoadFromEnumerable(Rows((1, 1), (0, 0)));
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.AnomalyDetection.Evaluate(data, scoreColumnName: "Anomaly"));
            Assert.Contains("'Anomaly'", error.Message);
        }
    }
}

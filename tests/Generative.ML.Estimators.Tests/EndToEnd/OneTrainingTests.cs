using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Generative.ML.Estimators.Tests.Support;
using Generative.ML.Transformers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>Slow: one fitted model gives every transform, samples and the batch API, all agreeing with each other.</summary>
    [Trait("Category", "EndToEnd")]
    public class OneTrainingTests
    {
        static readonly MLContext Ml = new(seed: 1);
        static readonly Row[] Train = Rows.Normal(800, 1);
        static readonly Lazy<GenerativeTransformer> Encoder = new(() =>
            Ml.Transforms.VaeEncode("Code", "Features", Quick.Vae()).Fit(Ml.Data.LoadFromEnumerable(Train)));

        sealed class ScoredRow
        {
            public float Score { get; set; }
            public bool PredictedLabel { get; set; }
            public float[] FeatureContributions { get; set; } = Array.Empty<float>();
        }

        sealed class ScoreOnly
        {
            public float Score { get; set; }
        }

        sealed class Generated
        {
            public float[] Features { get; set; } = Array.Empty<float>();
        }

        sealed class Latent
        {
            [VectorType(3)] public float[] Z { get; set; } = Array.Empty<float>();
        }

        sealed class DecodedRow
        {
            public float[] Generated { get; set; } = Array.Empty<float>();
        }

        [Fact]
        public void AnEncoderGivesTheAnomalyScoreOfTheSameTrainingAndTheBatchApiAgrees()
        {
            var scorer = Encoder.Value.AnomalyScore();
            var test = Rows.Normal(100, 3).Concat(Rows.Anomalies(10, 4)).ToArray();
            var scored = Ml.Data.CreateEnumerable<ScoredRow>(scorer.Transform(Ml.Data.LoadFromEnumerable(test)), reuseRowObject: false).ToArray();
            Assert.True(scored.Skip(100).Min(s => s.Score) > scored.Take(100).Average(s => s.Score), "Anomalies do not score above normal rows.");

            using var batch = Encoder.Value.CreateBatchScorer();
            var (scores, labels) = batch.Score(test.SelectMany(r => r.Features).ToArray());
            Assert.Equal(scored.Select(s => s.Score), scores);
            Assert.Equal(scored.Select(s => s.PredictedLabel), labels);
            Assert.Equal(scored.Select(s => s.Score > scorer.AnomalyThreshold), labels);
        }

        [Fact]
        public void ContributionsPointAtTheFeatureThatWasTamperedWith()
        {
            var rows = Rows.Normal(50, 6);
            foreach (var r in rows) r.Features[7] += 6;
            var scored = Ml.Data.CreateEnumerable<ScoredRow>(Encoder.Value.AnomalyScore().Transform(Ml.Data.LoadFromEnumerable(rows)), reuseRowObject: false).ToArray();
            var top = scored.Select(s => Array.IndexOf(s.FeatureContributions, s.FeatureContributions.Max())).ToArray();
            Assert.True(top.Count(t => t == 7) >= 45, $"feature 7 was the largest contribution in {top.Count(t => t == 7)} of 50 rows");
            Assert.All(scored, s => Assert.Equal(Row.Width, s.FeatureContributions.Length));
        }

        [Fact]
        public void SamplesMatchTheTrainingMeanAndCovarianceAndRepeatWithTheSeed()
        {
            var samples = Ml.Data.CreateEnumerable<Generated>(Encoder.Value.Sample(Ml, 4000, seed: 3), reuseRowObject: false).Select(g => g.Features).ToArray();
            var again = Ml.Data.CreateEnumerable<Generated>(Encoder.Value.Sample(Ml, 4000, seed: 3), reuseRowObject: false).Select(g => g.Features).ToArray();
            Assert.Equal(samples.SelectMany(s => s), again.SelectMany(s => s));
            var (trainMean, trainCov) = Moments(Train.Select(r => r.Features).ToArray());
            var (sampleMean, sampleCov) = Moments(samples);
            var scale = trainCov.Max(Math.Abs);
            // The decoder mean leaves out the observation noise (0.01 per feature here): small beside the signal.
            Assert.True(trainMean.Zip(sampleMean, (a, b) => Math.Abs(a - b)).Max() < 0.15 * Math.Sqrt(scale), "sample mean off");
            Assert.True(trainCov.Zip(sampleCov, (a, b) => Math.Abs(a - b)).Max() < 0.2 * scale, "sample covariance off");
        }

        [Fact]
        public void DecodeOverALatentColumnEqualsTheBatchDecoder()
        {
            var z = Enumerable.Range(0, 20).Select(i => new Latent { Z = new[] { i / 10f - 1, 0.5f, -i / 20f } }).ToArray();
            var decoded = Ml.Data.CreateEnumerable<DecodedRow>(Encoder.Value.Decode("Generated", "Z").Transform(Ml.Data.LoadFromEnumerable(z)), reuseRowObject: false)
                .SelectMany(d => d.Generated).ToArray();
            using var batch = Encoder.Value.CreateBatchScorer();
            Assert.Equal(batch.Decode(z.SelectMany(l => l.Z).ToArray()), decoded);
        }

        [Fact]
        public void ConcurrentPredictionEnginesGiveTheSequentialResults()
        {
            var scorer = Encoder.Value.AnomalyScore();
            var rows = Rows.Normal(200, 9);
            var sequential = rows.Select(r => Ml.Model.CreatePredictionEngine<Row, ScoredRow>(scorer).Predict(r).Score).ToArray();
            var parallel = new float[rows.Length];
            Parallel.For(0, 4, part => {
                var engine = Ml.Model.CreatePredictionEngine<Row, ScoredRow>(scorer);
                for (var i = part; i < rows.Length; i += 4) parallel[i] = engine.Predict(rows[i]).Score;
            });
            Assert.Equal(sequential, parallel);
        }

        [Fact]
        public void ProgressReachesTheUserAndCancellationStopsBetweenBatches()
        {
            var reports = new List<TrainingProgress>();
            using var cancel = new CancellationTokenSource();
            var options = Quick.Vae();
            options.Progress = new SynchronousProgress<TrainingProgress>(p => {
                reports.Add(p);
                if (p.Epoch == 2 && p.Batch == 3) cancel.Cancel();
            });
            options.CancellationToken = cancel.Token;
            Assert.ThrowsAny<OperationCanceledException>(() => Ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(Ml.Data.LoadFromEnumerable(Train)));
            Assert.Equal((2, 3), (reports[^1].Epoch, reports[^1].Batch));
            Assert.Contains(reports, p => p.EpochCompleted && p.Epoch == 1);
        }

        [Fact]
        [Trait("Backend", "OnnxRuntime")]
        public void AGpuOnTheCpuPackageIsRefusedClearlyOrFallsBackWhenAllowed()
        {
            if (Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider")) return; // the GPU package decides itself
            var e = Assert.Throws<InvalidOperationException>(() => GenerativeTransformer.ForAnomalyScore(Encoder.Value.Graphs, null, new ScoringOptions { GpuDeviceId = 0 }));
            Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu", e.Message);
            var fallback = GenerativeTransformer.ForAnomalyScore(Encoder.Value.Graphs, null, new ScoringOptions { GpuDeviceId = 0, FallbackToCpu = true });
            var rows = Ml.Data.LoadFromEnumerable(Rows.Normal(5, 2));
            Assert.Equal(Ml.Data.CreateEnumerable<ScoreOnly>(Encoder.Value.AnomalyScore(contributionsColumnName: null).Transform(rows), false).Select(s => s.Score),
                         Ml.Data.CreateEnumerable<ScoreOnly>(fallback.Transform(rows), false).Select(s => s.Score));
        }

        static (double[] mean, double[] cov) Moments(float[][] rows)
        {
            var d = rows[0].Length;
            var mean = new double[d];
            foreach (var r in rows) for (var i = 0; i < d; i++) mean[i] += r[i] / (double)rows.Length;
            var cov = new double[d * d];
            foreach (var r in rows)
                for (var i = 0; i < d; i++)
                    for (var j = 0; j < d; j++) cov[i * d + j] += (r[i] - mean[i]) * (r[j] - mean[j]) / (rows.Length - 1);
            return (mean, cov);
        }
    }
}

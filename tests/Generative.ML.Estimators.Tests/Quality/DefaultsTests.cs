using System;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Generative.ML.Training.Data;
using Microsoft.ML;

namespace Generative.ML.Estimators.Tests.Quality
{
    /// <summary>
    /// Slow: VaeAnomalyScore with nothing set but the seed, against the defaults it had before the quality benchmark
    /// chose new ones (latent 8, hidden 64-32, 50 epochs, no scaling, no trimming), on one fixed contaminated task.
    /// </summary>
    [Trait("Category", "EndToEnd")]
    public class DefaultsTests
    {
        static VariationalAutoencoderOptions Previous(int seed) => new() {
            LatentSize = 8, HiddenSizes = new long[] { 64, 32 }, Epochs = 50, BatchSize = 64, LearningRate = 1e-3,
            Likelihood = Likelihood.GaussianLearnedVariance, Score = AnomalyScoreKind.NegativeElbo, FeatureScaling = ScalingKind.None,
            TrimFraction = 0, Seed = seed, Threads = 2,
        };

        static double Auc(VariationalAutoencoderOptions options, Row[] train, Row[] test)
        {
            var ml = new MLContext(seed: 1);
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(ml.Data.LoadFromEnumerable(train));
            return ml.AnomalyDetection.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(test)), labelColumnName: "Label").AreaUnderRocCurve;
        }

        [Fact]
        public void The_defaults_beat_the_previous_defaults_on_a_contaminated_task()
        {
            // Training: 5% of the rows are a tight cluster of anomalies. Test: the cluster, and rows shifted off the
            // normal rows by 0.4 in every feature (subtle: they need a well-fitted model).
            var train = Rows.Normal(570, 1).Concat(Rows.Cluster(30, 2, centreSeed: 7)).ToArray();
            var test = Rows.Normal(300, 3).Concat(Rows.Cluster(15, 4, centreSeed: 7))
                .Concat(Rows.Shifted(30, 5, 0.4)).ToArray();
            var gains = new[] { 1, 2, 3 }.Select(seed => {
                var now = Auc(new VariationalAutoencoderOptions { Seed = seed, Threads = 2 }, train, test);
                var before = Auc(Previous(seed), train, test);
                Console.WriteLine($"seed {seed}: AUROC {now:F3} with the defaults, {before:F3} with the previous ones");
                return now - before;
            }).ToArray();
            Assert.True(gains.Min() >= 0.05, $"gains {string.Join(", ", gains.Select(g => g.ToString("F3")))}");
        }
    }
}

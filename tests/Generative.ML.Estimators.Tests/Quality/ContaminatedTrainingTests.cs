using System;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Microsoft.ML;

namespace Generative.ML.Estimators.Tests.Quality
{
    /// <summary>
    /// Slow: training on rows that contain anomalies. The trimmed objective (by default, from Contamination = 0.1) keeps
    /// a tight cluster of anomalies, 10% of the training rows, from being learned as a normal mode, and costs little on
    /// clean data. Measured on these rows and seeds: AUROC 0.65-0.82 untrimmed, 0.999-1.000 trimmed, so the gain asked
    /// of every seed, 0.1, is under the smallest seen (0.18); on clean data the mean over the seeds went from 0.874 to 0.862.
    /// </summary>
    [Trait("Category", "EndToEnd")]
    public class ContaminatedTrainingTests
    {
        /// <summary>Normal rows against the cluster and scattered anomalies.</summary>
        static Row[] Test(int seed) => Rows.Normal(300, 50 + seed).Concat(Rows.Cluster(30, 60 + seed, centreSeed: 99)).Concat(Rows.Anomalies(30, 70 + seed)).ToArray();

        /// <summary>Normal rows against slightly shifted ones: a test that is not saturated, to show that trimming costs nothing.</summary>
        static Row[] SubtleTest(int seed) => Rows.Normal(300, 50 + seed)
            .Concat(Rows.Shifted(60, 80 + seed, 0.4)).ToArray();

        static double Auc(Row[] train, double? trim, int seed, Func<int, Row[]> test, double contamination = 0.1)
        {
            var ml = new MLContext(seed: 1);
            var options = Quick.Vae(seed);
            options.TrimFraction = trim;
            options.Contamination = contamination;
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(ml.Data.LoadFromEnumerable(train));
            return ml.AnomalyDetection.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(test(seed))), labelColumnName: "Label").AreaUnderRocCurve;
        }

        [Fact]
        public void The_default_trim_covers_the_anomalies_of_nearly_every_batch()
        {
            var options = new VariationalAutoencoderOptions { Contamination = 0.1, BatchSize = 64 };
            // Binomial(64, 0.1): P(X <= 10) = 0.948, P(X <= 11) = 0.976, so 11 of 64 rows.
            Assert.Equal(11 / 64.0, options.TrimFractionFor(), 10);
            options.Contamination = 0.05;
            Assert.Equal(6 / 64.0, options.TrimFractionFor(), 10);  // P(X <= 5) = 0.90, P(X <= 6) = 0.96
            options.TrimFraction = 0;
            Assert.Equal(0, options.TrimFractionFor());
        }

        /// <remarks>Slow (30 s of fits over three seeds): CI runs it, the README's test command does not.</remarks>
        [Fact]
        [Trait("Speed", "Slow")]
        public void Trimming_raises_auroc_with_ten_percent_clustered_anomalies_and_does_no_harm_on_clean_data()
        {
            var contaminated = Rows.Normal(540, 1).Concat(Rows.Cluster(60, 2, centreSeed: 99)).ToArray();
            var clean = Rows.Normal(600, 1);
            var seeds = new[] { 1, 2, 3 };
            foreach (var seed in seeds) {
                var plain = Auc(contaminated, 0, seed, Test);
                var trimmed = Auc(contaminated, null, seed, Test);
                Console.WriteLine($"seed {seed}: contaminated AUROC {plain:F3} untrimmed, {trimmed:F3} trimmed");
                Assert.True(trimmed >= plain + 0.1, $"seed {seed}: trimmed AUROC {trimmed:F3} vs untrimmed {plain:F3}");
            }
            // Clean data, default Contamination (0.05, so 6 of 64 rows trimmed). One seed's AUROC moves by up to 0.08
            // from another's on this test, so "no harm" is judged on the mean over the seeds, to within 0.02.
            var cleanPlain = seeds.Select(seed => Auc(clean, 0, seed, SubtleTest, contamination: 0.05)).ToArray();
            var cleanTrimmed = seeds.Select(seed => Auc(clean, null, seed, SubtleTest, contamination: 0.05)).ToArray();
            Console.WriteLine($"clean AUROC untrimmed {string.Join(", ", cleanPlain.Select(a => a.ToString("F3")))}; " +
                              $"trimmed {string.Join(", ", cleanTrimmed.Select(a => a.ToString("F3")))}");
            Assert.True(cleanTrimmed.Average() >= cleanPlain.Average() - 0.02,
                        $"on clean data, mean AUROC {cleanTrimmed.Average():F3} trimmed vs {cleanPlain.Average():F3} untrimmed");
        }
    }
}

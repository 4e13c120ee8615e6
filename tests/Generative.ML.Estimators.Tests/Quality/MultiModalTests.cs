using System;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Microsoft.ML;

namespace Generative.ML.Estimators.Tests.Quality
{
    /// <summary>
    /// Normal data of three well separated modes; the anomalies are a fourth mode, held out of training, in the middle
    /// of the three, where a one-Gaussian model of the three puts the most density (<see cref="Rows.Mode"/>).
    /// </summary>
    [Trait("Category", "EndToEnd")]
    public class MultiModalTests
    {
        static Row[] Train(int heldOutRows) => Rows.Mode(200, 1, 0).Concat(Rows.Mode(200, 2, 1)).Concat(Rows.Mode(200, 3, 2))
            .Concat(Rows.Mode(heldOutRows, 4, 3)).ToArray();

        static Row[] Test() => Rows.Mode(60, 11, 0).Concat(Rows.Mode(60, 12, 1)).Concat(Rows.Mode(60, 13, 2)).Concat(Rows.Mode(20, 14, 3)).ToArray();

        static double Auc(IEstimator<ITransformer> estimator, Row[] train)
        {
            var ml = new MLContext(seed: 1);
            var model = estimator.Fit(ml.Data.LoadFromEnumerable(train));
            return ml.AnomalyDetection.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(Test())), labelColumnName: "Label").AreaUnderRocCurve;
        }

        // Measured: AUROC 0.997 and 0.998 (seeds 1, 2) with the mode left out of training; 0.966 and 0.996 with 12 of its
        // rows (2%) among the training rows. A Gaussian fitted to the three modes, which is what one mode of density
        // would be, ranks the middle mode as the most normal rows of all (the test's second half shows it).
        [Theory]
        [InlineData(0)]
        [InlineData(12)]
        public void The_defaults_find_a_held_out_mode_between_three_normal_modes(int heldOutRowsInTraining)
        {
            var ml = new MLContext(seed: 1);
            // Each seed well above chance, and their mean at 0.95 or more: one seed's AUROC moves by a few hundredths with
            // the CPU's rounding, the mean less.
            var aucs = new[] { 1, 2 }.Select(seed =>
                Auc(ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { Seed = seed, Threads = 2 }), Train(heldOutRowsInTraining))).ToArray();
            var measured = $"{heldOutRowsInTraining} held-out rows in training: AUROC {string.Join(", ", aucs.Select(a => a.ToString("F3")))}";
            Assert.True(aucs.Min() >= 0.9 && aucs.Average() >= 0.95, measured);
            // The task is not one that a single Gaussian solves: its Mahalanobis distance ranks the middle mode as normal.
            var train = Train(heldOutRowsInTraining);
            var mean = Enumerable.Range(0, Row.Width).Select(i => train.Average(r => (double)r.Features[i])).ToArray();
            var covariance = new double[Row.Width, Row.Width];
            foreach (var r in train)
                for (var i = 0; i < Row.Width; i++)
                    for (var j = 0; j < Row.Width; j++) covariance[i, j] += (r.Features[i] - mean[i]) * (r.Features[j] - mean[j]) / train.Length;
            var test = Test();
            var distances = test.Select(r => Mahalanobis(r.Features, mean, covariance)).ToArray();
            var anomalies = Enumerable.Range(0, test.Length).Where(i => test[i].Label == 1).ToArray();
            var normal = Enumerable.Range(0, test.Length).Where(i => test[i].Label == 0).ToArray();
            var gaussian = anomalies.Average(a => normal.Average(n => distances[a] > distances[n] ? 1.0 : distances[a] == distances[n] ? 0.5 : 0));
            Assert.True(gaussian < 0.5, $"one Gaussian's AUROC {gaussian:F3}");
        }

        /// <summary>(x - m)^T C^-1 (x - m), by solving C y = x - m with Gaussian elimination (C is 12 x 12).</summary>
        static double Mahalanobis(float[] x, double[] mean, double[,] covariance)
        {
            var n = mean.Length;
            var a = new double[n, n + 1];
            for (var i = 0; i < n; i++) {
                for (var j = 0; j < n; j++) a[i, j] = covariance[i, j] + (i == j ? 1e-9 : 0);
                a[i, n] = x[i] - mean[i];
            }
            for (var p = 0; p < n; p++) {
                var pivot = Enumerable.Range(p, n - p).OrderByDescending(i => Math.Abs(a[i, p])).First();
                for (var j = 0; j <= n; j++) (a[p, j], a[pivot, j]) = (a[pivot, j], a[p, j]);
                for (var i = p + 1; i < n; i++) {
                    var f = a[i, p] / a[p, p];
                    for (var j = p; j <= n; j++) a[i, j] -= f * a[p, j];
                }
            }
            var y = new double[n];
            for (var i = n - 1; i >= 0; i--) {
                var sum = a[i, n];
                for (var j = i + 1; j < n; j++) sum -= a[i, j] * y[j];
                y[i] = sum / a[i, i];
            }
            return Enumerable.Range(0, n).Sum(i => (x[i] - mean[i]) * y[i]);
        }
    }
}

using System.Linq;
using Generative.ML.Graphs;
using Generative.ML.Training.Data;

namespace Generative.ML.Training.Tests.Data
{
    public class FeatureScalingTests
    {
        // Column 0: 1..9 and one huge outlier; column 1: constant; column 2: 0/1 mostly 0 (its middle half is one value).
        static TrainingData Data() => TrainingData.FromRows(Enumerable.Range(0, 10).Select(i =>
            new[] { i < 9 ? i + 1f : 1000f, 7f, i < 8 ? 0f : 1f }).ToArray());

        [Fact]
        public void Robust_scaling_is_the_median_and_the_interquartile_range_and_ignores_the_outlier()
        {
            var robust = FeatureScaling.Fit(Data(), ScalingKind.Robust);
            // Sorted column 0: 1..9, 1000. Median 5.5; quartiles (numpy's linear rule) 3.25 and 7.75.
            Assert.Equal(5.5f, robust.Center[0], 5);
            Assert.Equal((7.75 - 3.25) / 1.349, robust.Scale[0], 4);
            Assert.Equal(1f, robust.Scale[1]); // constant: nothing to divide by
            Assert.Equal(7f, robust.Center[1]);
            // Column 2's interquartile range is 0, and its other values are all 1: the standard deviation of 0.2 ones is 0.4.
            Assert.Equal(0.4, robust.Scale[2], 4);

            var standard = FeatureScaling.Fit(Data(), ScalingKind.Standard);
            Assert.True(standard.Scale[0] > 50 * robust.Scale[0], "the outlier stretches the standard deviation");
            Assert.Equal(Data().Features.Where((_, i) => i % 3 == 0).Average(), standard.Center[0], 3);
        }

        [Fact]
        public void A_zero_inflated_feature_is_not_blown_up_by_a_near_zero_interquartile_range()
        {
            // 75 zeros, one 1e-4 and 1..24: the upper quartile is 2.5e-5, so IQR / 1.349 would put 24 at 1.3 million.
            var values = Enumerable.Repeat(0f, 75).Append(1e-4f).Concat(Enumerable.Range(1, 24).Select(i => (float)i)).ToArray();
            var data = TrainingData.FromRows(values.Select(v => new[] { v }).ToArray());
            var robust = FeatureScaling.Fit(data, ScalingKind.Robust);
            Assert.Equal(0f, robust.Center[0]);
            // The spread of the 25 other values: 1e-4, 1..24, quartiles 6 and 18.
            Assert.Equal((18 - 6) / 1.349, robust.Scale[0], 4);
            var scaled = robust.Apply(data).Features;
            Assert.InRange(scaled.Max(), 2, 3);
            // One extreme row (an anomaly among the training rows) barely moves it, as it would move the standard deviation.
            var withOutlier = FeatureScaling.Fit(TrainingData.FromRows(values.Append(1e6f).Select(v => new[] { v }).ToArray()), ScalingKind.Robust);
            Assert.InRange(withOutlier.Scale[0] / robust.Scale[0], 1, 1.1);
        }

        [Fact]
        public void A_feature_with_a_real_interquartile_range_keeps_it()
        {
            // Half zeros, then 1..50: IQR / 1.349 is well above a tenth of that of the non-zero values.
            var values = Enumerable.Repeat(0f, 50).Concat(Enumerable.Range(1, 50).Select(i => (float)i)).ToArray();
            var robust = FeatureScaling.Fit(TrainingData.FromRows(values.Select(v => new[] { v }).ToArray()), ScalingKind.Robust);
            var sorted = values.Select(v => (double)v).OrderBy(v => v).ToArray();
            Assert.Equal((Quantiles.Of(sorted, 0.75) - Quantiles.Of(sorted, 0.25)) / 1.349, robust.Scale[0], 4);
        }

        [Fact]
        public void Apply_scales_every_row_and_keeps_the_shape()
        {
            var data = Data();
            var scaling = FeatureScaling.Fit(data, ScalingKind.Robust);
            var scaled = scaling.Apply(data);
            Assert.Equal(data.RowCount, scaled.RowCount);
            Assert.Equal(data.FeatureCount, scaled.FeatureCount);
            for (var i = 0; i < data.Features.Length; i++)
                Assert.Equal((data.Features[i] - scaling.Center[i % 3]) / scaling.Scale[i % 3], scaled.Features[i], 5);
            var none = FeatureScaling.Fit(data, ScalingKind.None);
            Assert.Equal(data.Features, none.Apply(data).Features);
        }
    }
}

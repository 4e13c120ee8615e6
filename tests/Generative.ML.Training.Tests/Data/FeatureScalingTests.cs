using System.Linq;
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
            // Column 2's interquartile range is 0: the standard deviation of 0.2 ones is 0.4.
            Assert.Equal(0.4, robust.Scale[2], 4);

            var standard = FeatureScaling.Fit(Data(), ScalingKind.Standard);
            Assert.True(standard.Scale[0] > 50 * robust.Scale[0], "the outlier stretches the standard deviation");
            Assert.Equal(Data().Features.Where((_, i) => i % 3 == 0).Average(), standard.Center[0], 3);
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

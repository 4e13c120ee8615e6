using System;
using System.Linq;
using Generative.ML.Graphs;

namespace Generative.ML.Training.Data
{
    /// <summary>
    /// Per-feature scaling, x' = (x - Center) / Scale, fitted on training rows. The exporter writes it into the ONNX
    /// graphs (inputs scaled on the way in, reconstructions scaled back on the way out), so a saved model carries it.
    /// </summary>
    internal sealed class FeatureScaling
    {
        FeatureScaling(float[] center, float[] scale)
        {
            Center = center;
            Scale = scale;
        }

        /// <summary>What each feature has subtracted (its median or mean).</summary>
        public float[] Center { get; }

        /// <summary>Always positive: a constant feature gets 1.</summary>
        public float[] Scale { get; }

        /// <summary>
        /// Robust scaling takes IQR / 1.349 unless that is below this share of the IQR / 1.349 of the values that differ
        /// from the median (a zero-inflated feature): then it takes the latter.
        /// </summary>
        public const double NearZeroSpread = 0.1;

        /// <summary>
        /// Fits the scaling of <paramref name="kind"/> to the training rows. Robust: the median, and IQR / 1.349, or for a
        /// feature whose interquartile range is (near) 0, the IQR / 1.349 of its values other than the median (or, when
        /// those are all one value, the standard deviation); standard: the mean and standard deviation. A constant feature
        /// gets the scale 1.
        /// </summary>
        public static FeatureScaling Fit(TrainingData data, ScalingKind kind)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            var d = data.FeatureCount;
            var center = new float[d];
            var scale = new float[d];
            var column = new double[data.RowCount];
            for (var j = 0; j < d; j++) {
                for (var i = 0; i < data.RowCount; i++) column[i] = data.Features[(long)i * d + j];
                var mean = column.Average();
                var sd = Math.Sqrt(column.Average(v => (v - mean) * (v - mean)));
                (double c, double s) = (mean, sd);
                if (kind == ScalingKind.Robust) {
                    Array.Sort(column);
                    var median = Quantiles.Of(column, 0.5);
                    var spread = (Quantiles.Of(column, 0.75) - Quantiles.Of(column, 0.25)) / 1.349;
                    // A feature whose middle half is one value (a count that is mostly 0) has an IQR of 0 or near it: its other
                    // values would be blown up by orders of magnitude. It takes the same robust spread of the values that
                    // differ from the median instead: the spread of its non-zero counts, which a few extreme rows cannot
                    // stretch as they stretch the standard deviation. Where those are tied too (a 0/1 flag), the standard deviation.
                    var others = column.Where(v => v != median).ToArray(); // still sorted
                    var otherSpread = others.Length < 2 ? 0 : (Quantiles.Of(others, 0.75) - Quantiles.Of(others, 0.25)) / 1.349;
                    (c, s) = (median, spread > 1e-12 && spread >= NearZeroSpread * otherSpread ? spread : otherSpread > 1e-12 ? otherSpread : sd);
                } else if (kind == ScalingKind.None) {
                    (c, s) = (0, 1);
                }
                center[j] = (float)c;
                scale[j] = s > 1e-12 && double.IsFinite(s) ? (float)s : 1f;
            }
            return new FeatureScaling(center, scale);
        }

        /// <summary>The scaled copy of the data (conditions untouched).</summary>
        public TrainingData Apply(TrainingData data)
        {
            if (data.FeatureCount != Center.Length)
                throw new ArgumentException($"The scaling is for rows of {Center.Length} values; the data has {data.FeatureCount}.", nameof(data));
            var scaled = new float[data.Features.Length];
            for (var i = 0; i < scaled.Length; i++) {
                var j = i % Center.Length;
                scaled[i] = (data.Features[i] - Center[j]) / Scale[j];
            }
            return TrainingData.FromMatrix(scaled, data.FeatureCount, data.Conditions, data.ConditionCount);
        }
    }
}

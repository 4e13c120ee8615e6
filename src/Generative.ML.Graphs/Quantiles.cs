using System;
using System.Linq;

namespace Generative.ML.Graphs
{
    /// <summary>
    /// Quantiles of a sample, and the two rules built on them that training and scoring share: the robust scale (median
    /// and spread) and the anomaly threshold. One copy, here in the layer every other one references, so that the
    /// threshold Fit sets and the one a fitted or loaded model moves to later come from the same rule.
    /// </summary>
    internal static class Quantiles
    {
        /// <summary>The q-quantile of sorted values, interpolating linearly between order statistics (numpy's default rule).</summary>
        public static double Of(double[] sorted, double q)
        {
            var position = q * (sorted.Length - 1);
            var low = (int)Math.Floor(position);
            var high = Math.Min(low + 1, sorted.Length - 1);
            return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
        }

        /// <summary>
        /// The robust scale of sorted values: their median, and their interquartile range; where that is 0 (over half the
        /// values equal), their standard deviation; where that is 0 too, 1. Used for every score normalization.
        /// </summary>
        public static (double Center, double Spread) RobustScale(double[] sorted)
        {
            var spread = Of(sorted, 0.75) - Of(sorted, 0.25);
            if (!(spread > 1e-12)) {
                var mean = sorted.Average();
                spread = Math.Sqrt(sorted.Average(v => (v - mean) * (v - mean)));
            }
            return (Of(sorted, 0.5), spread > 1e-12 ? spread : 1);
        }

        /// <summary>The knots the threshold rule keeps of the training scores: their quantiles at 0, 0.001, ..., 1.</summary>
        public const int ThresholdKnots = 1001;

        /// <summary>The training scores' quantiles at <see cref="ThresholdKnots"/> evenly spaced levels (what a model keeps to move its threshold later).</summary>
        public static double[] Knots(double[] sorted)
        {
            if (sorted.Length == 0) throw new ArgumentException("No scores to take quantiles of.", nameof(sorted));
            return Enumerable.Range(0, ThresholdKnots).Select(k => Of(sorted, k / (double)(ThresholdKnots - 1))).ToArray();
        }

        /// <summary>
        /// The threshold rule, for anomaly scores and tables alike: the (1 - contamination) quantile of the training
        /// scores, read from their <see cref="Knots"/> by linear interpolation, so that at most about a
        /// <paramref name="contamination"/> share of the training rows scores above it.
        /// </summary>
        public static float Threshold(double[] knots, double contamination)
        {
            if (!(contamination > 0 && contamination < 1))
                throw new ArgumentOutOfRangeException(nameof(contamination), contamination, "The contamination must be in (0, 1).");
            return (float)Of(knots, 1 - contamination);
        }

        /// <summary>
        /// The inverse of reading the knots: the share of the training scores (their <see cref="Knots"/>) below
        /// <paramref name="score"/>, interpolated between knots, 0 to 1; a run of equal knots gives its middle.
        /// </summary>
        public static double Position(double[] knots, double score)
        {
            if (score <= knots[0]) return 0;
            if (score >= knots[^1]) return 1;
            var high = Array.BinarySearch(knots, score);
            if (high >= 0) {
                // Equal knots (tied training scores): the middle of the run.
                var (first, last) = (high, high);
                while (first > 0 && knots[first - 1] == score) first--;
                while (last < knots.Length - 1 && knots[last + 1] == score) last++;
                return (first + last) / 2.0 / (knots.Length - 1);
            }
            high = ~high;
            var low = high - 1;
            return (low + (score - knots[low]) / (knots[high] - knots[low])) / (knots.Length - 1);
        }

    }
}

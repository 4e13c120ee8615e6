namespace Generative.ML.Training.Data
{
    /// <summary>Quantiles of a sample, as the thresholds and the robust scaling use them.</summary>
    public static class Quantiles
    {
        /// <summary>The q-quantile of sorted values, interpolating linearly between order statistics (numpy's default rule).</summary>
        public static double Of(double[] sorted, double q)
        {
            var position = q * (sorted.Length - 1);
            var low = (int)System.Math.Floor(position);
            var high = System.Math.Min(low + 1, sorted.Length - 1);
            return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
        }
    }
}

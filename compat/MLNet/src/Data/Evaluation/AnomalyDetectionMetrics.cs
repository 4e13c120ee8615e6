namespace Microsoft.ML.Data
{
    /// <summary>How well scores separate anomalies (label &gt; 0) from normal rows.</summary>
    public sealed class AnomalyDetectionMetrics
    {
        internal AnomalyDetectionMetrics(double areaUnderRocCurve, double detectionRateAtFalsePositiveCount)
        {
            AreaUnderRocCurve = areaUnderRocCurve;
            DetectionRateAtFalsePositiveCount = detectionRateAtFalsePositiveCount;
        }

        /// <summary>The probability that a random anomaly scores above a random normal row (ties count half).</summary>
        public double AreaUnderRocCurve { get; }

        /// <summary>
        /// The share of anomalies found when walking the rows from the highest score down until one more than the
        /// allowed number of false positives has been seen.
        /// </summary>
        public double DetectionRateAtFalsePositiveCount { get; }
    }
}

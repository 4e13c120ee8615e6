namespace Generative.ML.Training.Export
{
    /// <summary>What the exported graphs carry beyond the model's weights.</summary>
    public sealed class OnnxExportOptions
    {
        /// <summary>
        /// The calibrated anomaly threshold: the scorer labels a row an anomaly when its score is above it. Null means
        /// not calibrated: the label output is then always false and the metadata has no anomaly_threshold.
        /// </summary>
        public double? AnomalyThreshold { get; init; }
    }
}

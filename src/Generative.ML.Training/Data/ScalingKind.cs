namespace Generative.ML
{
    /// <summary>How input features are scaled before the network sees them.</summary>
    public enum ScalingKind
    {
        /// <summary>The values as they are.</summary>
        None,
        /// <summary>(x - mean) / standard deviation.</summary>
        Standard,
        /// <summary>
        /// (x - median) / (interquartile range / 1.349): the standard deviation for normal data, but a few extreme rows
        /// (the anomalies) cannot stretch it. Features whose middle half is one value fall back to the standard deviation.
        /// </summary>
        Robust,
    }
}

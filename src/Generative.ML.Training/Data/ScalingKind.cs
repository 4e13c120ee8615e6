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
        /// (the anomalies) cannot stretch it. A feature whose middle half is (nearly) one value, such as a count that is
        /// mostly 0, takes the spread of its other values instead, so that they are not blown up.
        /// </summary>
        Robust,
    }
}

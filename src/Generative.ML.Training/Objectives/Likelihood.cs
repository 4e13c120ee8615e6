namespace Generative.ML
{
    /// <summary>The decoder's observation model p(x | z).</summary>
    public enum Likelihood
    {
        /// <summary>Gaussian with a per-feature variance learned with the weights. Adapts to the data's scale.</summary>
        GaussianLearnedVariance,

        /// <summary>Gaussian with a fixed variance (VaeOptions.ObservationVariance) for every feature.</summary>
        GaussianFixedVariance,

        /// <summary>Bernoulli on the decoder's logits; for data in [0, 1] (binary, or grey levels read as probabilities).</summary>
        Bernoulli,
    }
}

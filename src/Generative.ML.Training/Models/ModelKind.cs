namespace Generative.ML.Training.Models
{
    /// <summary>Which member of the family a model is (written into exported files and manifests).</summary>
    public enum ModelKind
    {
        Autoencoder,
        LinearAutoencoder,
        SparseAutoencoder,
        DenoisingAutoencoder,
        VariationalAutoencoder,
        ConditionalVariationalAutoencoder,
        ImportanceWeightedAutoencoder,
        VectorQuantizedAutoencoder,
        ResidualVectorQuantizedAutoencoder,
        GenerativeAdversarialNetwork,
        AdversarialAutoencoder,
        VaeGan,
    }
}

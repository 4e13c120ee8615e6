namespace Generative.ML
{
    /// <summary>The non-linearities a block can use between layers.</summary>
    public enum Activation
    {
        ReLU,
        LeakyReLU,
        GELU,
        Tanh,
        /// <summary>No non-linearity: the block is affine.</summary>
        Identity,
    }
}

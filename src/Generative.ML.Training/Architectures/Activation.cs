namespace Generative.ML
{
    /// <summary>The non-linearities a block can use between layers.</summary>
    public enum Activation
    {
        /// <summary>max(0, v).</summary>
        ReLU,
        /// <summary>v where v > 0, else 0.01 v: gradients survive for negative inputs.</summary>
        LeakyReLU,
        /// <summary>v Phi(v): a smooth ReLU.</summary>
        GELU,
        /// <summary>tanh(v), within (-1, 1).</summary>
        Tanh,
        /// <summary>No non-linearity: the block is affine.</summary>
        Identity,
    }
}

namespace Generative.ML.Training.Optimization
{
    /// <summary>The optimizer's update rule.</summary>
    internal enum OptimizerKind
    {
        /// <summary>Adam; weight decay, if any, is added to the gradient (L2 regularisation).</summary>
        Adam,

        /// <summary>Adam with decoupled weight decay (Loshchilov and Hutter).</summary>
        AdamW,
    }
}

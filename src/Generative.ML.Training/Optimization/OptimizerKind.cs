namespace Generative.ML.Training.Optimization
{
    public enum OptimizerKind
    {
        /// <summary>Adam; weight decay, if any, is added to the gradient (L2 regularisation).</summary>
        Adam,

        /// <summary>Adam with decoupled weight decay (Loshchilov and Hutter).</summary>
        AdamW,
    }
}

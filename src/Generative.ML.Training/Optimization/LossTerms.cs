using System.Collections.Generic;
using static TorchSharp.torch;

namespace Generative.ML.Training.Optimization
{
    /// <summary>
    /// A batch's loss, to minimise, and its named parts (detached; for reports only). Names in use:
    /// "reconstruction", "kl", "sparsity", "codebook", "commitment", "generator", "discriminator", "feature_matching", "mmd",
    /// "gradient_penalty". The tensors belong to the caller's dispose scope.
    /// </summary>
    internal sealed record LossTerms(Tensor Total, IReadOnlyList<(string Name, Tensor Value)> Parts);
}

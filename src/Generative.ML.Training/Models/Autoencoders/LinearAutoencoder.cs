using System;
using Generative.ML.Training.Architectures;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// An autoencoder with one affine map each way and no non-linearity. Trained on squared error it learns the same
    /// subspace as PCA's top <c>latentSize</c> components (though not the components themselves: any basis of it).
    /// </summary>
    internal sealed class LinearAutoencoder : Autoencoder
    {
        /// <summary>One affine map each way: at its optimum, the span of PCA's top components.</summary>
        public LinearAutoencoder(long inputSize, long latentSize)
            : base(nameof(LinearAutoencoder), inputSize, latentSize,
                   new MlpArchitecture { HiddenSizes = Array.Empty<long>(), Activation = Activation.Identity })
        { }

    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Objectives
{
    /// <summary>
    /// The minimax game of the seeds in its logit form. With D = sigmoid(logit): the discriminator maximises
    /// E log D(real) + E log(1 - D(fake)); the generator, instead of minimising E log(1 - D(fake)), which saturates
    /// while D rejects its samples easily, maximises E log D(fake) (the non-saturating loss).
    /// </summary>
    public static class Adversarial
    {
        /// <summary>-E log D(real) - E log(1 - D(fake)) = mean softplus(-real) + mean softplus(fake).</summary>
        public static Tensor DiscriminatorLoss(Tensor realLogits, params Tensor[] fakeLogits)
        {
            using var scope = NewDisposeScope();
            var loss = nn.functional.softplus(-realLogits).mean();
            foreach (var fake in fakeLogits) loss = loss + nn.functional.softplus(fake).mean() / fakeLogits.Length;
            return loss.MoveToOuterDisposeScope();
        }

        /// <summary>-E log D(fake) = mean softplus(-fake): the non-saturating generator loss.</summary>
        public static Tensor GeneratorLoss(Tensor fakeLogits)
        {
            using var scope = NewDisposeScope();
            return nn.functional.softplus(-fakeLogits).mean().MoveToOuterDisposeScope();
        }
    }
}

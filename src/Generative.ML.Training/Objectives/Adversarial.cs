using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Objectives
{
    /// <summary>
    /// The minimax game of the seeds in its logit form. With D = sigmoid(logit): the discriminator maximises
    /// E log D(real) + E log(1 - D(fake)); the generator, instead of minimising E log(1 - D(fake)), which saturates
    /// while D rejects its samples easily, maximises E log D(fake) (the non-saturating loss).
    /// </summary>
    internal static class Adversarial
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

        /// <summary>
        /// The R1 penalty (Mescheder, Geiger and Nowozin, 2018): the mean over real rows of |grad_v D(v)|^2. Added to the
        /// discriminator's loss with weight gamma / 2, it keeps D flat where the real data lies, so D cannot win by a cliff
        /// at the real data's edge and the fakes are pulled in by gradients that still point somewhere. The graph of the
        /// gradient is kept, so the penalty itself is differentiated. <paramref name="realInputs"/> must require gradients
        /// before <paramref name="realLogits"/> are computed from them.
        /// </summary>
        public static Tensor GradientPenalty(Tensor realLogits, Tensor realInputs)
        {
            using var scope = NewDisposeScope();
            var gradient = autograd.grad(new[] { realLogits.sum() }, new[] { realInputs }, retain_graph: true, create_graph: true)[0];
            return gradient.square().sum(new long[] { 1 }).mean().MoveToOuterDisposeScope();
        }
    }
}

using Generative.ML.Training.Objectives;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Objectives
{
    public class AdversarialObjectiveTests
    {
        [Fact]
        public void The_gradient_penalty_of_a_linear_discriminator_is_its_squared_weight_norm()
        {
            // D(v) = v . w + b has the gradient w at every row: the penalty is |w|^2 = 1 + 4 + 9 = 14, whatever the rows.
            using var w = tensor(new float[] { 1, -2, 3 }).requires_grad_();
            using var real = randn(50, 3).requires_grad_();
            using var logits = real.matmul(w) + 0.5f;
            using var penalty = Adversarial.GradientPenalty(logits, real);
            Assert.Equal(14.0, penalty.item<float>(), 4);
        }

        [Fact]
        public void The_gradient_penalty_is_differentiable_in_the_discriminator_weights()
        {
            // For D(v) = sum(w * v^2) the gradient is 2 w v, and the penalty E |2 w v|^2 = 4 sum(w^2 E v^2) has
            // d/dw = 8 w E v^2: the discriminator's step must see it, or the penalty would do nothing.
            using var w = tensor(new float[] { 0.5f, -1 }).requires_grad_();
            using var real = tensor(new float[] { 1, 2, 3, -1 }, 2, 2).requires_grad_();
            using var logits = (real.square() * w).sum(new long[] { 1 });
            using var penalty = Adversarial.GradientPenalty(logits, real);
            penalty.backward();
            // E v^2 per column: (1 + 9) / 2 = 5 and (4 + 1) / 2 = 2.5.
            var expected = new[] { 8 * 0.5 * 5, 8 * -1 * 2.5 };
            var actual = w.grad!.data<float>().ToArray();
            Assert.Equal(expected[0], actual[0], 4);
            Assert.Equal(expected[1], actual[1], 4);
        }

        [Fact]
        public void The_losses_are_the_softplus_forms_of_the_minimax_game()
        {
            using var real = tensor(new float[] { 2, -1 });
            using var fake = tensor(new float[] { 0, 1 });
            static double Softplus(double v) => System.Math.Log(1 + System.Math.Exp(v));
            using var d = Adversarial.DiscriminatorLoss(real, fake);
            using var g = Adversarial.GeneratorLoss(fake);
            Assert.Equal((Softplus(-2) + Softplus(1)) / 2 + (Softplus(0) + Softplus(1)) / 2, d.item<float>(), 5);
            Assert.Equal((Softplus(0) + Softplus(-1)) / 2, g.item<float>(), 5);
        }
    }
}

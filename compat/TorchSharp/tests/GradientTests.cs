using System;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.Tests.TestUtil;

namespace TorchSharp.Tests
{
    /// <summary>Every differentiable op's gradient against central finite differences (float64).</summary>
    public class GradientTests
    {
        readonly Generator _g = new Generator(1234);

        Tensor R(params long[] shape) => RandD(_g, shape);

        [Fact] public void Add() => CheckGradient(x => (x[0] + x[1] * 2.5).sum(), R(3), R(3));
        [Fact] public void SubScalarLeft() => CheckGradient(x => (1.0 - x[0]).square().sum(), R(4));
        [Fact] public void Mul() => CheckGradient(x => (x[0] * x[1]).sum(), R(2, 3), R(2, 3));
        [Fact] public void Div() => CheckGradient(x => (x[0] / (x[1].abs() + 1)).sum(), R(3), R(3));
        [Fact] public void Pow() => CheckGradient(x => (x[0].abs() + 0.5).pow(1.7).sum(), R(4));
        [Fact] public void Exp() => CheckGradient(x => x[0].exp().sum(), R(4));
        [Fact] public void Log() => CheckGradient(x => (x[0].abs() + 0.5).log().sum(), R(4));
        [Fact] public void Sqrt() => CheckGradient(x => (x[0].square() + 1).sqrt().sum(), R(4));
        [Fact] public void Sigmoid() => CheckGradient(x => x[0].sigmoid().sum(), R(5));
        [Fact] public void Tanh() => CheckGradient(x => x[0].tanh().sum(), R(5));
        [Fact] public void Relu() => CheckGradient(x => (x[0].relu() * x[1]).sum(), tensor(new[] { -1.0, 0.5, 2.0 }), R(3));
        [Fact] public void LeakyRelu() => CheckGradient(x => nn.functional.leaky_relu(x[0], 0.2).sum(), tensor(new[] { -1.0, 0.5, -2.0 }));
        [Fact] public void Gelu() => CheckGradient(x => nn.functional.gelu(x[0]).sum(), R(5));
        [Fact] public void Softplus() => CheckGradient(x => nn.functional.softplus(x[0]).sum(), R(5));
        [Fact] public void Matmul() => CheckGradient(x => x[0].matmul(x[1]).sum(), R(2, 3), R(3, 4));
        [Fact] public void Mean() => CheckGradient(x => (x[0].mean(new long[] { 1 }) * x[1]).sum(), R(3, 4), R(3));
        [Fact] public void LogSumExp() => CheckGradient(x => x[0].logsumexp(1).sum(), R(3, 4));
        [Fact] public void Clamp() => CheckGradient(x => x[0].clamp(-0.5, 0.5).sum(), tensor(new[] { -1.0, 0.1, 0.3, 2.0 }));
        [Fact] public void Gather() => CheckGradient(x => x[0].gather(1, tensor(new long[] { 2, 0 }, new long[] { 2, 1 })).square().sum(), R(2, 3));
        [Fact] public void Cat() { var w = R(2, 5); CheckGradient(x => (cat(new[] { x[0], x[1] }, 1).square() * w).sum(), R(2, 2), R(2, 3)); }
        [Fact] public void ReshapeTranspose() { var w = R(2, 3); CheckGradient(x => (x[0].reshape(3, 2).t() * w).sum(), R(6)); }

        [Fact] public void Linear() => CheckGradient(x => nn.functional.linear(x[0], x[1], x[2]).tanh().sum(), R(4, 3), R(2, 3), R(2));

        [Fact]
        public void MseLoss() => CheckGradient(x => nn.functional.mse_loss(x[0], x[1]), R(3, 4), R(3, 4));

        [Fact]
        public void MseLossSum() => CheckGradient(x => nn.functional.mse_loss(x[0], x[1], nn.Reduction.Sum), R(3, 4), R(3, 4));

        [Fact]
        public void BinaryCrossEntropyWithLogits() =>
            CheckGradient(x => nn.functional.binary_cross_entropy_with_logits(x[0], x[1].sigmoid()), R(3, 4), R(3, 4));

        [Fact]
        public void Conv2d() => CheckGradient(x => nn.functional.conv2d(x[0], x[1], x[2], new long[] { 2 }, new long[] { 1 }).sum(),
                                              R(1, 2, 5, 5), R(3, 2, 3, 3), R(3));

        [Fact]
        public void ConvTranspose2d() => CheckGradient(
            x => (nn.functional.conv_transpose2d(x[0], x[1], x[2], new long[] { 2 }, new long[] { 1 }, new long[] { 1 }).square()).sum(),
            R(1, 3, 3, 3), R(3, 2, 3, 3), R(2));

        [Fact]
        public void BatchNormTraining()
        {
            var w = R(4, 3);
            CheckGradient(x => (nn.functional.batch_norm(x[0], null, null, x[1], x[2], training: true) * w).sum(), R(4, 3), R(3), R(3));
        }
    }
}

using System;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using Generative.ML.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Optimization
{
    /// <summary>The trainer's flat-buffer Adam takes the same steps as TorchSharp's own optimizers (PyTorch's formulas).</summary>
    public class AdamTests
    {
        [Theory]
        [InlineData((int)OptimizerKind.Adam, 0.0)]
        [InlineData((int)OptimizerKind.Adam, 0.1)]
        [InlineData((int)OptimizerKind.AdamW, 0.1)]
        public void FlatAdamMatchesTorchSharpsOptimizerStepForStep(int optimizer, double weightDecay)
        {
            var kind = (OptimizerKind)optimizer;
            using var ours = Model();
            using var reference = Model();
            manual_seed(3);
            using var x = randn(32, 6);
            const double lr = 1e-2;
            using var flat = new FlatParameters(ours);
            using var adam = new Adam(flat, kind, weightDecay) { LearningRate = lr };
            using var torchAdam = kind == OptimizerKind.Adam
                ? (optim.Optimizer)optim.Adam(reference.parameters(), lr: lr, beta1: 0.9, beta2: 0.999, weight_decay: weightDecay)
                : optim.AdamW(reference.parameters(), lr: lr, beta1: 0.9, beta2: 0.999, weight_decay: weightDecay);
            for (var step = 0; step < 20; step++) {
                using (NewDisposeScope()) {
                    flat.Gradients.zero_();
                    ours.Loss(x, null, default).Total.backward();
                    adam.Step();
                    torchAdam.zero_grad();
                    reference.Loss(x, null, default).Total.backward();
                    torchAdam.step();
                }
            }
            var a = Weights.Flat(ours);
            var b = Weights.Flat(reference);
            using (var initial = Model()) Assert.NotEqual(Weights.Flat(initial), a); // the steps moved the weights
            Assert.True(a.Zip(b, (u, v) => Math.Abs(u - v)).Max() < 1e-5, "The flat Adam drifted from TorchSharp's.");
        }

        [Fact]
        public void ParametersBecomeViewsOfTheFlatBufferAndKeepTheirValues()
        {
            using var model = Model();
            var before = Weights.Flat(model);
            using var flat = new FlatParameters(model);
            Assert.Equal(before, Weights.Flat(model));
            Assert.Equal(model.parameters().Sum(p => p.numel()), flat.Values.numel());
            using (no_grad()) flat.Values.add_(1);
            Assert.Equal(before.Select(v => v + 1), Weights.Flat(model));
        }

        static Autoencoder Model()
        {
            var model = new Autoencoder(6, 2, new MlpArchitecture { HiddenSizes = new long[] { 8 } });
            model.InitializeWeights(5);
            return model;
        }
    }
}

using System;
using System.Linq;
using Generative.ML.Training.Blocks;
using Generative.ML.Training.Models;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Models
{
    public class AutoencoderTests
    {
        [Fact]
        public void ShapesFollowTheArchitecture()
        {
            using var ae = new Autoencoder(10, new long[] { 8, 6 }, 3);
            using var x = randn(5, 10);
            using var h = ae.Encode(x);
            using var r = ae.call(x);
            Assert.Equal(new long[] { 5, 3 }, h.shape);
            Assert.Equal(new long[] { 5, 10 }, r.shape);
            // encoder 10-8-6-3, mirrored decoder 3-6-8-10: six Linear layers, weight and bias each.
            Assert.Equal(12, ae.parameters().Count());
        }

        [Fact]
        public void LossIsTheMeanSquaredErrorOverRowsAndDimensions()
        {
            using var ae = new Autoencoder(4, new long[] { 3 }, 2);
            using var x = randn(6, 4);
            using var r = ae.call(x);
            using var loss = ae.Loss(x);
            var expected = r.data<float>().ToArray().Zip(x.data<float>().ToArray(), (a, b) => (a - b) * (a - b)).Average();
            Assert.Equal(expected, loss.ToSingle(), 5);
        }

        [Fact]
        public void TrainingReducesReconstructionErrorOnLowRankData()
        {
            // Rows on a 2-dimensional subspace of R^12: a 2-unit code can reconstruct them, so the error must fall far.
            manual_seed(5);
            using var basis = randn(2, 12);
            using var z = randn(512, 2);
            using var x = z.matmul(basis);
            using var ae = new Autoencoder(12, new long[] { 16 }, 2, Activation.Tanh);
            using var opt = optim.Adam(ae.parameters(), lr: 1e-2, beta1: 0.9, beta2: 0.999);
            double first = 0, last = 0;
            for (var step = 0; step < 400; step++) {
                using var scope = NewDisposeScope();
                opt.zero_grad();
                var loss = ae.Loss(x);
                loss.backward();
                opt.step();
                if (step == 0) first = loss.ToDouble();
                last = loss.ToDouble();
            }
            Assert.True(last < first / 10, $"MSE went from {first} to {last}; expected a tenfold drop.");
        }

        [Fact]
        public void BadSizesAreRejectedByName()
        {
            Assert.Equal("latentSize", Assert.Throws<ArgumentOutOfRangeException>(() => new Autoencoder(4, new long[] { 3 }, 0)).ParamName);
            Assert.Equal("inputSize", Assert.Throws<ArgumentOutOfRangeException>(() => new Autoencoder(0, new long[] { 3 }, 2)).ParamName);
            Assert.Equal("hiddenSizes", Assert.Throws<ArgumentOutOfRangeException>(() => new Autoencoder(4, new long[] { 3, -1 }, 2)).ParamName);
        }
    }
}

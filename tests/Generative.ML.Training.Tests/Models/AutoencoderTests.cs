using System;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Models
{
    public class AutoencoderTests
    {
        static MlpArchitecture Mlp(params long[] hidden) => new() { HiddenSizes = hidden };

        [Fact]
        public void ShapesFollowTheArchitecture()
        {
            using var ae = new Autoencoder(10, 3, Mlp(8, 6));
            using var x = randn(5, 10);
            using var h = ae.Encode(x);
            using var r = ae.Reconstruct(x);
            Assert.Equal(new long[] { 5, 3 }, h.shape);
            Assert.Equal(new long[] { 5, 10 }, r.shape);
            // encoder 10-8-6-3, mirrored decoder 3-6-8-10: six Linear layers, weight and bias each.
            Assert.Equal(12, ae.parameters().Count());
            Assert.Equal("Autoencoder", ae.Kind);
        }

        [Fact]
        public void LossIsTheMeanSquaredErrorOverRowsAndDimensions()
        {
            using var ae = new Autoencoder(4, 2, Mlp(3));
            using var x = randn(6, 4);
            using var r = ae.Reconstruct(x);
            var terms = ae.Loss(x, null, default);
            var expected = r.data<float>().ToArray().Zip(x.data<float>().ToArray(), (a, b) => (a - b) * (a - b)).Average();
            Assert.Equal(expected, terms.Total.ToSingle(), 5);
            Assert.Equal("reconstruction", Assert.Single(terms.Parts).Name);
        }

        [Fact]
        public void BadSizesAreRejectedByName()
        {
            Assert.Equal("latentSize", Assert.Throws<ArgumentOutOfRangeException>(() => new Autoencoder(4, 0)).ParamName);
            Assert.Equal("inputSize", Assert.Throws<ArgumentOutOfRangeException>(() => new Autoencoder(0, 2)).ParamName);
            using var ae = new Autoencoder(4, 2);
            using var wrong = randn(3, 5);
            Assert.Equal("x", Assert.Throws<ArgumentException>(() => ae.Encode(wrong)).ParamName);
        }

        [Fact]
        public void SparsityPenaltyIsLambdaTimesTheL1NormOfTheCodeAveragedOverRows()
        {
            using var sae = new SparseAutoencoder(6, 4, sparsityWeight: 0.3, Mlp(5));
            using var x = randn(7, 6);
            var terms = sae.Loss(x, null, default);
            using var h = sae.Encode(x);
            var l1PerRow = h.data<float>().ToArray().Select(Math.Abs).Chunk(4).Select(r => r.Sum()).Average();
            var parts = terms.Parts.ToDictionary(p => p.Name, p => p.Value.ToDouble());
            Assert.Equal(0.3 * l1PerRow, parts["sparsity"], 5);
            Assert.Equal(parts["reconstruction"] + parts["sparsity"], terms.Total.ToDouble(), 5);
            Assert.Equal("sparsityWeight", Assert.Throws<ArgumentOutOfRangeException>(() => new SparseAutoencoder(6, 4, -1)).ParamName);
        }

        [Theory]
        [InlineData(-0.1)]
        [InlineData(1.0)]
        [InlineData(double.NaN)]
        public void MaskingProbabilityOutsideTheUnitIntervalIsRefused(double p)
        {
            Assert.Equal("maskingProbability", Assert.Throws<ArgumentOutOfRangeException>(() => new DenoisingAutoencoder(6, 2, p)).ParamName);
        }

        [Fact]
        public void DenoisingLossComparesWithTheCleanInput()
        {
            // With p = 0.999 almost every input is zeroed: the loss is that of reconstructing x from (nearly) nothing,
            // which differs from the plain loss; reconstruction outside training sees the clean x.
            manual_seed(3);
            using var dae = new DenoisingAutoencoder(6, 2, maskingProbability: 0.999, architecture: Mlp(5));
            using var x = randn(200, 6);
            using var zero = zeros(200, 6);
            var fromNothing = nn.functional.mse_loss(dae.Reconstruct(zero), x).ToDouble();
            Assert.Equal(fromNothing, dae.Loss(x, null, default).Total.ToDouble(), 2);
            using var clean = dae.Reconstruct(x);
            using var plain = new Autoencoder(6, 2, Mlp(5));
            plain.load_state_dict(dae.state_dict());
            using var plainClean = plain.Reconstruct(x);
            Assert.Equal(plainClean.data<float>().ToArray(), clean.data<float>().ToArray());
        }

        [Fact]
        public void LinearAutoencoderHasNoNonLinearity()
        {
            using var lin = new LinearAutoencoder(5, 2);
            using var a = randn(3, 5);
            using var b = randn(3, 5);
            using var sum = a + b;
            using var ra = lin.Reconstruct(a);
            using var rb = lin.Reconstruct(b);
            using var rsum = lin.Reconstruct(sum);
            using var r0 = lin.Reconstruct(zeros(3, 5));
            // Affine: f(a + b) = f(a) + f(b) - f(0).
            using var expected = ra + rb - r0;
            Assert.True(expected.allclose(rsum, rtol: 1e-5, atol: 1e-5));
        }
    }
}

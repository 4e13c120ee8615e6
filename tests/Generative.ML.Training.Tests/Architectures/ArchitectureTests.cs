using System;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Architectures
{
    public class ArchitectureTests
    {
        [Theory]
        [InlineData(1, 8, 8)]
        [InlineData(1, 28, 28)]
        [InlineData(3, 5, 7)]
        [InlineData(2, 9, 4)]
        public void ConvolutionalModelsRoundTripOddAndEvenImageSizes(long channels, long height, long width)
        {
            var arch = new ConvArchitecture { Channels = channels, Height = height, Width = width, ConvChannels = new long[] { 4, 8 } };
            var size = channels * height * width;
            using var vae = new VariationalAutoencoder(size, 3, arch);
            using var x = randn(5, size);
            using var r = vae.Reconstruct(x);
            Assert.Equal(new[] { 5L, size }, r.shape);
            using var mu = vae.Encode(x);
            Assert.Equal(new[] { 5L, 3 }, mu.shape);
        }

        [Fact]
        public void ImpossibleConvolutionGeometryIsNamed()
        {
            Assert.Equal("inputSize", Assert.Throws<ArgumentException>(() =>
                new Autoencoder(64, 4, new ConvArchitecture { Height = 8, Width = 7 })).ParamName);
            Assert.Equal("Height", Assert.Throws<ArgumentOutOfRangeException>(() =>
                new Autoencoder(64, 4, new ConvArchitecture { Height = 0, Width = 8 })).ParamName);
            // 4x4 -> 2x2 -> 1x1: a third level has nothing left to downsample.
            var tooDeep = Assert.Throws<ArgumentException>(() =>
                new Autoencoder(16, 2, new ConvArchitecture { Height = 4, Width = 4, ConvChannels = new long[] { 4, 4, 4 } }));
            Assert.Equal("ConvChannels", tooDeep.ParamName);
            Assert.Equal("ConvChannels", Assert.Throws<ArgumentException>(() =>
                new Autoencoder(16, 2, new ConvArchitecture { Height = 4, Width = 4, ConvChannels = Array.Empty<long>() })).ParamName);
        }

        [Fact]
        public void MlpLayersFollowTheOptions()
        {
            var arch = new MlpArchitecture { HiddenSizes = new long[] { 8, 6 }, BatchNorm = true, Dropout = 0.2, Activation = Activation.GELU };
            using var ae = new Autoencoder(10, 3, arch);
            var kinds = ae.modules().Select(m => m.GetType()).ToList();
            Assert.Equal(6, kinds.Count(t => t == typeof(Linear)));        // 10-8-6-3 and 3-6-8-10
            Assert.Equal(4, kinds.Count(t => t == typeof(BatchNorm1d)));   // after each hidden layer, both ways
            Assert.Equal(4, kinds.Count(t => t == typeof(Generative.ML.Training.Architectures.SeededDropout)));
            Assert.Equal(4, kinds.Count(t => t == typeof(GELU)));
            using var x = randn(4, 10);
            using var r = ae.Reconstruct(x);
            Assert.Equal(new long[] { 4, 10 }, r.shape);
        }

        [Fact]
        public void BadMlpSettingsAreNamed()
        {
            Assert.Equal("HiddenSizes", Assert.Throws<ArgumentOutOfRangeException>(() =>
                new Autoencoder(4, 2, new MlpArchitecture { HiddenSizes = new long[] { 3, -1 } })).ParamName);
            Assert.Equal("Dropout", Assert.Throws<ArgumentOutOfRangeException>(() =>
                new Autoencoder(4, 2, new MlpArchitecture { Dropout = 1 })).ParamName);
        }

        [Fact]
        public void ConvolutionalAutoencoderWithBatchNormLearnsAndEvaluatesWithRunningStatistics()
        {
            // 7x7 images of one bright row or column: structure a convolutional code can capture.
            var r = new Random(4);
            var images = new float[600 * 49];
            for (var n = 0; n < 600; n++) {
                var line = r.Next(7);
                for (var i = 0; i < 7; i++) images[n * 49 + (n % 2 == 0 ? line * 7 + i : i * 7 + line)] = 1;
            }
            manual_seed(6);
            var arch = new ConvArchitecture { Height = 7, Width = 7, ConvChannels = new long[] { 8, 16 }, BatchNorm = true };
            using var ae = new Autoencoder(49, 6, arch);
            Assert.Contains(ae.modules(), m => m is BatchNorm2d);
            var history = new Trainer(new TrainerOptions { Epochs = 15, BatchSize = 50, LearningRate = 3e-3 }).Fit(ae, TrainingData.FromMatrix(images, 49));
            Assert.True(history.Epochs[^1].Loss < history.Epochs[0].Loss / 3,
                $"loss went from {history.Epochs[0].Loss:F4} to {history.Epochs[^1].Loss:F4}");
            Assert.False(ae.training);   // the trainer hands the model back in evaluation mode
            using var one = tensor(images.AsSpan(0, 49).ToArray(), new long[] { 1, 49 });
            using var rec = ae.Reconstruct(one);   // a batch of one works only with running statistics
            Assert.Equal(new long[] { 1, 49 }, rec.shape);
        }
    }
}

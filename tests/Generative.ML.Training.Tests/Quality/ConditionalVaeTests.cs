using System;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using Generative.ML.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Quality
{
    /// <summary>Slow: samples of a conditional VAE given class c must fall in class c's region.</summary>
    [Trait("Category", "EndToEnd")]
    public class ConditionalVaeTests(ITestOutputHelper output)
    {
        [Fact]
        public void SamplesGivenAClassAreNearestToThatClassMean()
        {
            const int dim = 6, classes = 4, rows = 2400, perClass = 250;
            var r = new Random(31);
            var means = Synthetic.GaussianMatrix(r, classes, dim, scale: 2.0);
            var x = new float[rows * dim];
            var c = new float[rows * classes];
            for (var n = 0; n < rows; n++) {
                var k = n % classes;
                c[n * classes + k] = 1;
                for (var i = 0; i < dim; i++) x[n * dim + i] = (float)(means[k, i] + 0.6 * Synthetic.Gaussian(r));
            }

            manual_seed(2);
            using var cvae = new ConditionalVariationalAutoencoder(dim, classes, 2, new MlpArchitecture { HiddenSizes = new long[] { 32 } });
            new Trainer(new TrainerOptions { Epochs = 30, BatchSize = 100, LearningRate = 3e-3, Seed = 1 })
                .Fit(cvae, TrainingData.FromMatrix(x, dim, c, classes));

            var correct = 0;
            using (no_grad())
                for (var k = 0; k < classes; k++) {
                    var onehot = new float[perClass * classes];
                    for (var n = 0; n < perClass; n++) onehot[n * classes + k] = 1;
                    using var cond = tensor(onehot, new long[] { perClass, classes });
                    using var samples = cvae.Sample(cond);
                    var s = samples.data<float>().ToArray();
                    for (var n = 0; n < perClass; n++) {
                        var nearest = Enumerable.Range(0, classes)
                            .OrderBy(j => Enumerable.Range(0, dim).Sum(i => Math.Pow(s[n * dim + i] - means[j, i], 2))).First();
                        if (nearest == k) correct++;
                    }
                }
            var accuracy = correct / (double)(classes * perClass);
            output.WriteLine($"samples classified as their condition by nearest class mean: {accuracy:P1}");
            Assert.True(accuracy >= 0.9, $"Only {accuracy:P1} of the samples land in their condition's class region.");
        }
    }
}

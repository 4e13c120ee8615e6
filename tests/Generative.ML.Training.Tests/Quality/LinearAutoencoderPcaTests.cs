using System;
using System.Linq;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using Generative.ML.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Quality
{
    /// <summary>Slow: a linear autoencoder trained on squared error must find PCA's subspace.</summary>
    [Trait("Category", "EndToEnd")]
    public class LinearAutoencoderPcaTests(ITestOutputHelper output)
    {
        [Fact]
        public void LearnedSubspaceIsThePrincipalSubspace()
        {
            const int dim = 8, latent = 3, rows = 2000;
            var r = new Random(21);
            // Covariance with a clear gap after the third eigenvalue, in a random orthonormal basis, and an offset mean.
            var scales = new[] { 3.0, 2.4, 1.8, 0.7, 0.6, 0.5, 0.4, 0.3 };
            var basis = LinearAlgebra.SymmetricEigen(Covariance(Synthetic.GaussianMatrix(r, dim, dim))).vectors;
            var x = new float[rows * dim];
            for (var n = 0; n < rows; n++)
                for (var k = 0; k < dim; k++) {
                    var c = scales[k] * Synthetic.Gaussian(r);
                    for (var i = 0; i < dim; i++) x[n * dim + i] += (float)(c * basis[i, k] + (k == 0 ? 1.5 : 0));
                }

            manual_seed(1);
            using var model = new LinearAutoencoder(dim, latent);
            new Trainer(new TrainerOptions {
                Epochs = 400, BatchSize = 250, LearningRate = 1e-2, Seed = 2, LearningRateSchedule = LearningRateSchedule.Cosine(0.01),
            }).Fit(model, TrainingData.FromMatrix(x, dim));

            var pcs = LinearAlgebra.SymmetricEigen(Synthetic.Covariance(x, dim)).vectors;
            var top = new double[dim, latent];
            for (var i = 0; i < dim; i++)
                for (var k = 0; k < latent; k++) top[i, k] = pcs[i, k];
            // The decoder's columns span the reconstruction subspace (its input layer is the whole linear decoder).
            using var w = model.state_dict()["decoder.input.weight"].to_type(ScalarType.Float64);
            var flat = w.data<double>().ToArray();
            var decoder = new double[dim, latent];
            for (var i = 0; i < dim; i++)
                for (var k = 0; k < latent; k++) decoder[i, k] = flat[i * latent + k];

            var angle = LinearAlgebra.LargestPrincipalAngleBound(LinearAlgebra.Projector(decoder), LinearAlgebra.Projector(top));
            output.WriteLine($"largest principal angle to the top-{latent} PCA subspace <= {angle:E2} rad");
            Assert.True(angle < 1e-2, $"Largest principal angle to the top-{latent} PCA subspace is at most {angle:E2} rad; must be < 1e-2.");
        }

        static double[,] Covariance(double[,] g)
        {
            var n = g.GetLength(0);
            var c = new double[n, n];
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    for (var k = 0; k < n; k++) c[i, j] += g[i, k] * g[j, k];
            return c;
        }
    }
}

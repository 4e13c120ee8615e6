using System;
using System.Linq;
using Generative.ML.Graphs;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;

namespace Generative.ML.Training.Tests.Support
{
    /// <summary>Synthetic data sets with known structure, made from a seed.</summary>
    internal static class Synthetic
    {
        public static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

        /// <summary>Each of the n points' distances to every other point, ascending, in double precision: neighbour scores' brute force.</summary>
        public static double[][] SortedDistancesToOthers(float[] points, int n, int width) => Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n)
            .Where(j => j != i).Select(j => Math.Sqrt(Enumerable.Range(0, width).Sum(t => Math.Pow(points[i * width + t] - points[j * width + t], 2))))
            .OrderBy(d => d).ToArray()).ToArray();

        public static double Median(double[] values) => Quantiles.Of(values.OrderBy(v => v).ToArray(), 0.5);

        /// <summary>An untrained VAE of fixed initial weights (seed 6), in evaluation mode, and rows 3 N(0, I) + 1 (seed 2).</summary>
        public static (VariationalAutoencoder model, TrainingData data) UntrainedVaeAndRows(int width, int latent, int rows)
        {
            var model = new VariationalAutoencoder(width, latent);
            model.InitializeWeights(6);
            model.eval();
            var r = new Random(2);
            return (model, TrainingData.FromMatrix(Enumerable.Range(0, rows * width).Select(_ => (float)(3 * Gaussian(r) + 1)).ToArray(), width));
        }

        public static double[,] GaussianMatrix(Random r, int rows, int cols, double scale = 1)
        {
            var m = new double[rows, cols];
            for (var i = 0; i < rows; i++)
                for (var j = 0; j < cols; j++) m[i, j] = scale * Gaussian(r);
            return m;
        }

        /// <summary>Rows x = W z + b + sigma * eps, z ~ N(0, I_d), eps ~ N(0, I_D): probabilistic PCA.</summary>
        public static float[] Ppca(Random r, int rows, double[,] w, double[] b, double sigma)
        {
            int dim = b.Length, latent = w.GetLength(1);
            var x = new float[rows * dim];
            var z = new double[latent];
            for (var n = 0; n < rows; n++) {
                for (var k = 0; k < latent; k++) z[k] = Gaussian(r);
                for (var i = 0; i < dim; i++) {
                    var v = b[i] + sigma * Gaussian(r);
                    for (var k = 0; k < latent; k++) v += w[i, k] * z[k];
                    x[n * dim + i] = (float)v;
                }
            }
            return x;
        }

        /// <summary>Column means of a row-major matrix.</summary>
        public static double[] Means(float[] x, int cols)
        {
            var m = new double[cols];
            var rows = x.Length / cols;
            for (var n = 0; n < rows; n++)
                for (var i = 0; i < cols; i++) m[i] += x[n * cols + i];
            return m.Select(v => v / rows).ToArray();
        }

        /// <summary>The (biased) sample covariance of a row-major matrix.</summary>
        public static double[,] Covariance(float[] x, int cols)
        {
            var mean = Means(x, cols);
            var rows = x.Length / cols;
            var c = new double[cols, cols];
            for (var n = 0; n < rows; n++)
                for (var i = 0; i < cols; i++)
                    for (var j = 0; j < cols; j++) c[i, j] += (x[n * cols + i] - mean[i]) * (x[n * cols + j] - mean[j]);
            for (var i = 0; i < cols; i++)
                for (var j = 0; j < cols; j++) c[i, j] /= rows;
            return c;
        }

        /// <summary>Rows around <paramref name="clusters"/> centres drawn from N(0, spread^2 I), each row a centre plus N(0, noise^2 I); row i is of cluster i mod clusters.</summary>
        public static float[] Clusters(Random r, int rows, int dim, int clusters, double spread, double noise, int centreSeed)
        {
            var centres = GaussianMatrix(new Random(centreSeed), clusters, dim, spread);
            var x = new float[rows * dim];
            for (var n = 0; n < rows; n++)
                for (var i = 0; i < dim; i++) x[n * dim + i] = (float)(centres[n % clusters, i] + noise * Gaussian(r));
            return x;
        }

        /// <summary>The centres of the ring of 8 Gaussians: radius <paramref name="radius"/>, every 45 degrees.</summary>
        public static (double x, double y)[] RingCentres(double radius) =>
            Enumerable.Range(0, 8).Select(k => (radius * Math.Cos(k * Math.PI / 4), radius * Math.Sin(k * Math.PI / 4))).ToArray();

        /// <summary>The ring of 8 Gaussians in 2-D, equal shares, each with standard deviation <paramref name="std"/>.</summary>
        public static float[] Ring(Random r, int rows, double radius, double std)
        {
            var centres = RingCentres(radius);
            var x = new float[rows * 2];
            for (var n = 0; n < rows; n++) {
                var (cx, cy) = centres[r.Next(8)];
                x[2 * n] = (float)(cx + std * Gaussian(r));
                x[2 * n + 1] = (float)(cy + std * Gaussian(r));
            }
            return x;
        }

        /// <summary>Rows tanh(A z), z ~ N(0, I_3): a curved 3-dimensional manifold in as many dimensions as A has rows.</summary>
        public static float[] CurvedManifold(Random r, int rows, double[,] a)
        {
            var dim = a.GetLength(0);
            var x = new float[rows * dim];
            for (var k = 0; k < rows; k++) {
                var z = new[] { Gaussian(r), Gaussian(r), Gaussian(r) };
                for (var i = 0; i < dim; i++) x[k * dim + i] = (float)Math.Tanh(a[i, 0] * z[0] + a[i, 1] * z[1] + a[i, 2] * z[2]);
            }
            return x;
        }
    }
}

using System;
using System.Linq;

namespace Generative.ML.Training.Tests.Support
{
    /// <summary>Synthetic data sets with known structure, made from a seed.</summary>
    internal static class Synthetic
    {
        public static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

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
    }
}

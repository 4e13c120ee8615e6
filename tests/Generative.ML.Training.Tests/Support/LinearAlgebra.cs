using System;
using System.Linq;

namespace Generative.ML.Training.Tests.Support
{
    /// <summary>Small dense linear algebra in double precision, for reference values in tests.</summary>
    internal static class LinearAlgebra
    {
        /// <summary>Eigenvalues (descending) and eigenvectors (columns) of a symmetric matrix, by cyclic Jacobi rotations.</summary>
        public static (double[] values, double[,] vectors) SymmetricEigen(double[,] a)
        {
            var n = a.GetLength(0);
            var m = (double[,])a.Clone();
            var v = new double[n, n];
            for (var i = 0; i < n; i++) v[i, i] = 1;
            for (var sweep = 0; sweep < 100; sweep++) {
                double off = 0;
                for (var p = 0; p < n; p++)
                    for (var q = p + 1; q < n; q++) off += m[p, q] * m[p, q];
                if (off < 1e-30) break;
                for (var p = 0; p < n; p++)
                    for (var q = p + 1; q < n; q++) {
                        if (Math.Abs(m[p, q]) < 1e-300) continue;
                        var theta = (m[q, q] - m[p, p]) / (2 * m[p, q]);
                        var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                        if (theta == 0) t = 1;
                        var c = 1 / Math.Sqrt(t * t + 1);
                        var s = t * c;
                        for (var k = 0; k < n; k++) {
                            var mkp = m[k, p];
                            var mkq = m[k, q];
                            m[k, p] = c * mkp - s * mkq;
                            m[k, q] = s * mkp + c * mkq;
                        }
                        for (var k = 0; k < n; k++) {
                            var mpk = m[p, k];
                            var mqk = m[q, k];
                            m[p, k] = c * mpk - s * mqk;
                            m[q, k] = s * mpk + c * mqk;
                        }
                        for (var k = 0; k < n; k++) {
                            var vkp = v[k, p];
                            var vkq = v[k, q];
                            v[k, p] = c * vkp - s * vkq;
                            v[k, q] = s * vkp + c * vkq;
                        }
                    }
            }
            var order = Enumerable.Range(0, n).OrderByDescending(i => m[i, i]).ToArray();
            var values = order.Select(i => m[i, i]).ToArray();
            var vectors = new double[n, n];
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++) vectors[k, j] = v[k, order[j]];
            return (values, vectors);
        }

        /// <summary>The orthogonal projector onto the span of the columns of a (n x d, full column rank).</summary>
        public static double[,] Projector(double[,] a)
        {
            int n = a.GetLength(0), d = a.GetLength(1);
            var q = new double[n, d];
            for (var j = 0; j < d; j++) {
                for (var i = 0; i < n; i++) q[i, j] = a[i, j];
                for (var pass = 0; pass < 2; pass++)   // Gram-Schmidt twice, for orthogonality to rounding
                    for (var k = 0; k < j; k++) {
                        double dot = 0;
                        for (var i = 0; i < n; i++) dot += q[i, k] * q[i, j];
                        for (var i = 0; i < n; i++) q[i, j] -= dot * q[i, k];
                    }
                var norm = Math.Sqrt(Enumerable.Range(0, n).Sum(i => q[i, j] * q[i, j]));
                for (var i = 0; i < n; i++) q[i, j] /= norm;
            }
            var p = new double[n, n];
            for (var i = 0; i < n; i++)
                for (var k = 0; k < n; k++)
                    for (var j = 0; j < d; j++) p[i, k] += q[i, j] * q[k, j];
            return p;
        }

        /// <summary>
        /// An upper bound on the largest principal angle between two subspaces of equal dimension, from their projectors:
        /// ||P1 - P2||_F^2 = 2 * sum(sin^2 theta_i), so sin(theta_max) &lt;= ||P1 - P2||_F / sqrt 2.
        /// </summary>
        public static double LargestPrincipalAngleBound(double[,] p1, double[,] p2)
        {
            double sq = 0;
            for (var i = 0; i < p1.GetLength(0); i++)
                for (var j = 0; j < p1.GetLength(1); j++) sq += (p1[i, j] - p2[i, j]) * (p1[i, j] - p2[i, j]);
            return Math.Asin(Math.Min(1, Math.Sqrt(sq / 2)));
        }

        /// <summary>log N(x; mean, cov) for each row, via a Cholesky factor of cov.</summary>
        public static double[] GaussianLogDensity(float[] x, double[] mean, double[,] cov)
        {
            var n = mean.Length;
            var l = new double[n, n];
            for (var i = 0; i < n; i++)
                for (var j = 0; j <= i; j++) {
                    var s = cov[i, j];
                    for (var k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                    l[i, j] = i == j ? Math.Sqrt(s) : s / l[j, j];
                }
            var logDet = 2 * Enumerable.Range(0, n).Sum(i => Math.Log(l[i, i]));
            var rows = x.Length / n;
            var result = new double[rows];
            var y = new double[n];
            for (var r = 0; r < rows; r++) {
                for (var i = 0; i < n; i++) {    // forward substitution: L y = x - mean
                    var s = x[r * n + i] - mean[i];
                    for (var k = 0; k < i; k++) s -= l[i, k] * y[k];
                    y[i] = s / l[i, i];
                }
                result[r] = -0.5 * (n * Math.Log(2 * Math.PI) + logDet + y.Sum(v => v * v));
            }
            return result;
        }
    }
}

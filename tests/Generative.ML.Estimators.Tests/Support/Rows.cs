using System;
using System.Linq;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators.Tests.Support
{
    /// <summary>A row as users write them: a Features vector and, for evaluation, a Single label (1 = anomaly).</summary>
    public sealed class Row
    {
        public const int Width = 12;

        [VectorType(Width)]
        public float[] Features { get; set; } = Array.Empty<float>();

        public float Label { get; set; }
    }

    /// <summary>Data with known structure, made from a seed: rows near a 3-dimensional subspace, and planted anomalies off it.</summary>
    public static class Rows
    {
        internal static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

        static readonly double[,] Loadings = MakeLoadings();

        static double[,] MakeLoadings()
        {
            var r = new Random(42);
            var w = new double[Row.Width, 3];
            for (var i = 0; i < Row.Width; i++)
                for (var k = 0; k < 3; k++) w[i, k] = Gaussian(r);
            return w;
        }

        /// <summary>x = W z + 0.1 eps: the normal rows.</summary>
        public static Row[] Normal(int count, int seed, double shift = 0)
        {
            var r = new Random(seed);
            return Enumerable.Range(0, count).Select(_ => {
                var z = new[] { Gaussian(r), Gaussian(r), Gaussian(r) };
                var x = new float[Row.Width];
                for (var i = 0; i < Row.Width; i++) {
                    var v = 0.1 * Gaussian(r) + shift;
                    for (var k = 0; k < 3; k++) v += Loadings[i, k] * z[k];
                    x[i] = (float)v;
                }
                return new Row { Features = x, Label = 0 };
            }).ToArray();
        }

        /// <summary>
        /// A tight cluster (spread 0.05) around a centre drawn from <paramref name="centreSeed"/> with 1.5 per feature:
        /// anomalies that a density model takes for a dense mode if it is trained on them. Label 1.
        /// </summary>
        public static Row[] Cluster(int count, int seed, int centreSeed)
        {
            var centre = new Random(centreSeed);
            var c = Enumerable.Range(0, Row.Width).Select(_ => 1.5 * Gaussian(centre)).ToArray();
            var r = new Random(seed);
            return Enumerable.Range(0, count)
                .Select(_ => new Row { Features = c.Select(v => (float)(v + 0.05 * Gaussian(r))).ToArray(), Label = 1 }).ToArray();
        }

        /// <summary>
        /// Near-copies of one normal row (drawn from <paramref name="centreSeed"/>; spread 0.02, a fifth of the normal
        /// rows' noise): anomalies on the subspace, in its populated middle, such as one pattern repeated. A model trained
        /// on them fits them as well as any normal row, so neither the score nor trimming tells them apart. Label 1.
        /// </summary>
        public static Row[] Repeated(int count, int seed, int centreSeed)
        {
            var centre = Normal(1, centreSeed)[0].Features;
            var r = new Random(seed);
            return Enumerable.Range(0, count)
                .Select(_ => new Row { Features = centre.Select(v => (float)(v + 0.02 * Gaussian(r))).ToArray(), Label = 1 }).ToArray();
        }

        /// <summary>Normal rows moved by <paramref name="shift"/> in every feature, labelled anomalies: subtle ones.</summary>
        public static Row[] Shifted(int count, int seed, double shift) =>
            Normal(count, seed, shift).Select(r => new Row { Features = r.Features, Label = 1 }).ToArray();

        /// <summary>
        /// Rows of one of four modes: mode m is the subspace's rows at half their spread, moved to a centre of length 6 in a
        /// seeded random direction (m = 0, 1, 2), or, for m = 3, to the mean of those three centres: a mode in the empty
        /// middle that a one-Gaussian model of the three puts high density on. Labelled 1 for mode 3.
        /// </summary>
        public static Row[] Mode(int count, int seed, int mode)
        {
            if (mode is < 0 or > 3) throw new ArgumentOutOfRangeException(nameof(mode));
            var centres = Enumerable.Range(0, 3).Select(m => {
                var r = new Random(100 + m);
                var v = Enumerable.Range(0, Row.Width).Select(_ => Gaussian(r)).ToArray();
                var norm = Math.Sqrt(v.Sum(x => x * x));
                return v.Select(x => 6 * x / norm).ToArray();
            }).ToArray();
            var centre = mode < 3 ? centres[mode] : Enumerable.Range(0, Row.Width).Select(i => centres.Average(c => c[i])).ToArray();
            return Normal(count, seed).Select(row => new Row {
                Features = row.Features.Select((v, i) => (float)(0.5 * v + centre[i])).ToArray(), Label = mode == 3 ? 1 : 0,
            }).ToArray();
        }

        /// <summary>Rows of the same overall scale but off the subspace: anomalies.</summary>
        public static Row[] Anomalies(int count, int seed)
        {
            var r = new Random(seed);
            return Enumerable.Range(0, count)
                .Select(_ => new Row { Features = Enumerable.Range(0, Row.Width).Select(_ => (float)(1.7 * Gaussian(r))).ToArray(), Label = 1 })
                .ToArray();
        }
    }
}

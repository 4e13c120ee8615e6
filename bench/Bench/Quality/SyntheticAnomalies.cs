using System;
using System.Collections.Generic;
using System.Linq;

namespace Generative.ML.Bench.Quality
{
    /// <summary>The four kinds of synthetic anomaly of the anomaly-detection literature.</summary>
    public enum AnomalyKind { Global, Local, Clustered, Dependency }

    /// <summary>
    /// Normal rows from a curved low-dimensional manifold: z from a mixture of three Gaussians in m = max(2, d / 3)
    /// dimensions, x = A z + 0.3 sin(B z) + 0.4 noise. The anomalies are made from the same generator:
    /// global (uniform over the normal rows' range, widened by 10% each side), local (the mixture's spread and the
    /// noise doubled), clustered (a tight cluster of one component moved off the manifold by one fixed
    /// offset) and dependency (normal draws with each feature permuted on its own: marginals kept, correlations broken).
    /// </summary>
    public sealed class SyntheticAnomalies
    {
        readonly Random _random;
        readonly int _d, _m;
        readonly double[,] _a, _b;
        readonly double[][] _means;
        readonly double[] _spreads;

        public SyntheticAnomalies(int features, int seed)
        {
            _random = new Random(seed);
            _d = features;
            _m = Math.Max(2, features / 3);
            _a = Matrix(_d, _m, 1 / Math.Sqrt(_m));
            _b = Matrix(_d, _m, 1.0);
            _means = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, _m).Select(_ => 3 * Normal()).ToArray()).ToArray();
            _spreads = Enumerable.Range(0, 3).Select(_ => 0.5 + _random.NextDouble()).ToArray();
        }

        public static AnomalyTask Task(AnomalyKind kind, int features, double contamination, int rows, int seed, string group)
        {
            var generator = new SyntheticAnomalies(features, seed);
            var anomalies = (int)Math.Round(rows * contamination);
            var normal = generator.Draw(rows - anomalies, spread: 1, noise: 1);
            var odd = kind switch {
                AnomalyKind.Global => generator.Uniform(normal, anomalies),
                AnomalyKind.Local => generator.Draw(anomalies, spread: 2, noise: 2),
                AnomalyKind.Clustered => generator.Cluster(anomalies),
                _ => generator.Permuted(generator.Draw(anomalies, spread: 1, noise: 1)),
            };
            var all = normal.Concat(odd).ToArray();
            var labels = normal.Select(_ => false).Concat(odd.Select(_ => true)).ToArray();
            var name = $"{kind.ToString().ToLowerInvariant()}-d{features}-c{contamination * 100:0}";
            return new AnomalyTask(name, group, all, labels);
        }

        float[][] Draw(int count, double spread, double noise) =>
            Enumerable.Range(0, count).Select(_ => Observe(Latent(_random.Next(3), spread), noise)).ToArray();

        double[] Latent(int component, double spread) =>
            _means[component].Select(mu => mu + spread * _spreads[component] * Normal()).ToArray();

        float[] Observe(double[] z, double noise)
        {
            var x = new float[_d];
            for (var j = 0; j < _d; j++) {
                double linear = 0, curved = 0;
                for (var k = 0; k < _m; k++) {
                    linear += _a[j, k] * z[k];
                    curved += _b[j, k] * z[k];
                }
                x[j] = (float)(linear + 0.3 * Math.Sin(curved / Math.Sqrt(_m)) + 0.4 * noise * Normal());
            }
            return x;
        }

        float[][] Uniform(float[][] normal, int count)
        {
            var lo = Enumerable.Range(0, _d).Select(j => normal.Min(r => r[j])).ToArray();
            var hi = Enumerable.Range(0, _d).Select(j => normal.Max(r => r[j])).ToArray();
            return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, _d).Select(j => {
                var width = hi[j] - lo[j];
                return (float)(lo[j] - 0.1 * width + _random.NextDouble() * 1.2 * width);
            }).ToArray()).ToArray();
        }

        float[][] Cluster(int count)
        {
            var offset = Enumerable.Range(0, _d).Select(_ => 0.5 * Normal()).ToArray();
            return Enumerable.Range(0, count).Select(_ => {
                var x = Observe(Latent(0, 0.3), 1);
                return x.Select((v, j) => (float)(v + offset[j])).ToArray();
            }).ToArray();
        }

        float[][] Permuted(float[][] rows)
        {
            var result = rows.Select(r => (float[])r.Clone()).ToArray();
            for (var j = 0; j < _d; j++) {
                var column = rows.Select(r => r[j]).ToArray();
                _random.Shuffle(column);
                for (var i = 0; i < rows.Length; i++) result[i][j] = column[i];
            }
            return result;
        }

        double[,] Matrix(int rows, int columns, double scale)
        {
            var m = new double[rows, columns];
            for (var i = 0; i < rows; i++)
                for (var j = 0; j < columns; j++) m[i, j] = scale * Normal();
            return m;
        }

        double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
    }

    /// <summary>The small public sets (bench/Bench/Data, and the demo's digits), made into anomaly tasks as their README says.</summary>
    public static class PublicAnomalySets
    {
        public static IEnumerable<AnomalyTask> All(Func<string, string> findFile, string group)
        {
            yield return FromClasses("breast-cancer", ReadSklearnCsv(findFile("bench/Bench/Data/breast_cancer.csv")), anomalyClass: 0, anomalies: 21, group);
            yield return FromClasses("wine", ReadSklearnCsv(findFile("bench/Bench/Data/wine.csv")), anomalyClass: 0, anomalies: 12, group);
            yield return FromClasses("digits", ReadDigits(findFile("demo/Generative.ML.Demo/Data/digits.csv.gz")), anomalyClass: 0, anomalies: 50, group);
        }

        /// <summary>The six sets made by bench/Bench/Data/make_odds_style_sets.R: features, then the 0/1 anomaly flag.</summary>
        public static IEnumerable<AnomalyTask> OddsStyle(Func<string, string> findFile, string group)
        {
            foreach (var name in new[] { "ionosphere", "glass", "breastw", "satimage2", "shuttle", "satellite" }) {
                var rows = GzipCsvRows(findFile($"bench/Bench/Data/{name}.csv.gz"), header: true);
                yield return new AnomalyTask(name, group, rows.Select(v => v[..^1]).ToArray(), rows.Select(v => v[^1] == 1).ToArray());
            }
        }

        static AnomalyTask FromClasses(string name, (float[] x, int label)[] rows, int anomalyClass, int anomalies, string group)
        {
            var normal = rows.Where(r => r.label != anomalyClass).Select(r => r.x);
            var odd = rows.Where(r => r.label == anomalyClass).Select(r => r.x).ToArray();
            new Random(0).Shuffle(odd);
            odd = odd[..anomalies];
            var all = normal.Concat(odd).ToArray();
            return new AnomalyTask(name, group, all, all.Select((_, i) => i >= all.Length - anomalies).ToArray());
        }

        /// <summary>A table in scikit-learn's CSV layout (a header line, then the features and the class index): rows and classes.</summary>
        internal static (float[], int)[] ReadSklearnCsv(string path) =>
            System.IO.File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => {
                var v = l.Split(',');
                return (v[..^1].Select(s => float.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray(), int.Parse(v[^1]));
            }).ToArray();

        /// <summary>The digits (demo/Generative.ML.Demo/Data/digits.csv.gz): 64 pixels and the digit, per row.</summary>
        internal static (float[], int)[] ReadDigits(string path) => GzipCsvRows(path, header: false).Select(v => (v[..^1], (int)v[^1])).ToArray();

        /// <summary>The rows of a gzipped CSV of numbers (blank lines skipped), after the header line if it has one.</summary>
        static float[][] GzipCsvRows(string path, bool header)
        {
            using var file = System.IO.File.OpenRead(path);
            using var gz = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
            using var reader = new System.IO.StreamReader(gz);
            if (header) reader.ReadLine();
            var rows = new List<float[]>();
            for (var line = reader.ReadLine(); line != null; line = reader.ReadLine())
                if (line.Length > 0) rows.Add(line.Split(',').Select(s => float.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            return rows.ToArray();
        }
    }
}

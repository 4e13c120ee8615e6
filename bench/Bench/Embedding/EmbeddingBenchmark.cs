using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Generative.ML.Transformers;
using Microsoft.ML;
using Microsoft.ML.Data;
using ScottPlot;
using static Generative.ML.Bench.Statistics;

namespace Generative.ML.Bench.Embedding
{
    /// <summary>
    /// `bench embed`: the library's encoders as a dimensionality-reduction stage against ML.NET's PCA, with t-SNE and
    /// Isomap (scikit-learn) as references, on labelled tables. Stratified k-fold: features standardised on the training
    /// fold, every reducer fitted on the training fold only; then on the codes of the test fold: the accuracy of ML.NET's
    /// LbfgsMaximumEntropy trained on the training codes (linear), of the nearest training code's label (1-NN), the
    /// trustworthiness of the test rows' 5 nearest neighbours (sklearn's definition), and the mean squared reconstruction
    /// error in standardised units where there is a decoder (PCA's is its projection back).
    /// </summary>
    public static class EmbeddingBenchmark
    {
        /// <summary>One reducer on one fold.</summary>
        public sealed record FoldResult(string Table, int K, string Method, int Seed, int Fold, double Linear, double Nearest,
                                        double Trustworthiness, double? Reconstruction, double FitSeconds, double NearestOnTraining);

        /// <summary>A labelled table: rows and class indices.</summary>
        public sealed record Table(string Name, float[][] Rows, int[] Labels);

        sealed record Codes(float[][] Train, float[][] Test, double Seconds, float[][]? TestReconstruction = null);

        /// <summary>A reducer: the fold's standardised training rows, test rows, k and seed to codes.</summary>
        delegate Codes Reducer(float[][] train, float[][] test, int k, int seed);

        public static IReadOnlyList<Table> Tables(string root) => new[] {
            Sklearn("iris", Path.Combine(root, "bench/Bench/Data/iris.csv")),
            Sklearn("wine", Path.Combine(root, "bench/Bench/Data/wine.csv")),
            Sklearn("breast-cancer", Path.Combine(root, "bench/Bench/Data/breast_cancer.csv")),
            Digits(Path.Combine(root, "demo/Generative.ML.Demo/Data/digits.csv.gz")),
        };

        public static IReadOnlyList<FoldResult> Run(string root, string python, int seeds, int folds, int[] ks, string[]? only, string outFolder,
                                                   Action<string> log, double mapWeight = VariationalAutoencoderOptions.MapNeighbourhoodWeight, bool references = true,
                                                   long[]? mapHidden = null, int? mapEpochs = null)
        {
            Directory.CreateDirectory(outFolder);
            var results = new List<FoldResult>();
            var library = new (string name, Reducer reduce)[] {
                ("PCA (ML.NET)", Pca),
                ("VaeEncode (defaults)", (tr, te, k, s) => Vae(tr, te, k, s, 0)),
                // What VaeEncode trained before its defaults were chosen for encoding: the anomaly detector's trimmed objective.
                ("VaeEncode, trimmed (anomaly defaults)", (tr, te, k, s) => Vae(tr, te, k, s, 0, trim: new VariationalAutoencoderOptions().TrimFractionFor())),
                ($"VaeEncode, neighbourhood weight {mapWeight}" + (mapHidden is null ? "" : $", hidden {string.Join("-", mapHidden)}")
                 + (mapEpochs is null ? "" : $", {mapEpochs} epochs"), (tr, te, k, s) => Vae(tr, te, k, s, mapWeight, hidden: mapHidden, epochs: mapEpochs)),
                ("VaeEncode, beta 0.1", (tr, te, k, s) => Vae(tr, te, k, s, 0, beta: 0.1)),
            };
            foreach (var table in Tables(root).Where(t => only is null || only.Contains(t.Name))) {
                foreach (var k in ks.Where(k => k < table.Rows[0].Length)) { // a code as wide as the row reduces nothing
                    var maps = new Dictionary<string, (float[][] codes, int[] labels)>();
                    for (var seed = 0; seed < seeds; seed++) {
                        var split = StratifiedFolds(table.Labels, folds, seed);
                        for (var f = 0; f < folds; f++) {
                            var testIndex = split[f];
                            var trainIndex = Enumerable.Range(0, table.Rows.Length).Except(testIndex).ToArray();
                            var (train, test) = Standardise(trainIndex.Select(i => table.Rows[i]).ToArray(), testIndex.Select(i => table.Rows[i]).ToArray());
                            var trainLabels = trainIndex.Select(i => table.Labels[i]).ToArray();
                            var testLabels = testIndex.Select(i => table.Labels[i]).ToArray();
                            var all = library.Select(m => (m.name, codes: m.reduce(train, test, k, seed * 100 + f)))
                                             .Concat(references ? References(root, python, train, test, k, seed) : Array.Empty<(string, Codes)>()).ToList();
                            foreach (var (name, codes) in all) {
                                var r = new FoldResult(table.Name, k, name, seed, f, Linear(codes.Train, trainLabels, codes.Test, testLabels),
                                                       Nearest(codes.Train, trainLabels, codes.Test, testLabels), Trustworthiness(test, codes.Test, 5),
                                                       Reconstruction(name, train, test, codes), codes.Seconds,
                                                       Nearest(codes.Train, trainLabels, codes.Train, trainLabels, leaveOneOut: true));
                                results.Add(r);
                                log($"  {table.Name,-13} k={k} seed {seed} fold {f} {name,-34} linear {r.Linear:F3}  1-NN {r.Nearest:F3}  trust {r.Trustworthiness:F3}"
                                    + $"  {(r.Reconstruction is double e ? $"mse {e:F3}" : "")}  fit {r.FitSeconds:F1} s  (1-NN on the training rows {r.NearestOnTraining:F3})");
                                if (k == 2 && seed == 0 && f == 0) maps[name] = (codes.Test, testLabels);
                            }
                        }
                    }
                    if (maps.Count > 0) DrawMaps(table.Name, maps, Path.Combine(outFolder, $"embed-{table.Name}.png"));
                }
            }
            return results;
        }

        /// <summary>Medians over seeds and folds, with the range, per table, k and method; written to artifacts/bench/embed.md too.</summary>
        public static IEnumerable<(string, string, string, string)> Summary(IReadOnlyList<FoldResult> results, string? markdownPath = null)
        {
            static string Spread(IEnumerable<double> v) => $"{Median(v):F3} ({v.Min():F3}-{v.Max():F3})";
            var lines = new List<string> {
                "| table | k | method | linear accuracy | 1-NN accuracy | trustworthiness (5) | reconstruction MSE | Fit s | 1-NN, training rows |",
                "|---|---|---|---|---|---|---|---|---|",
            };
            var rows = new List<(string, string, string, string)>();
            foreach (var group in results.GroupBy(r => (r.Table, r.K))) {
                foreach (var m in group.GroupBy(r => r.Method)) {
                    var rec = m.Where(r => r.Reconstruction is not null).Select(r => r.Reconstruction!.Value).ToArray();
                    lines.Add($"| {group.Key.Table} | {group.Key.K} | {m.Key} | {Spread(m.Select(r => r.Linear))} | {Spread(m.Select(r => r.Nearest))} | "
                              + $"{Spread(m.Select(r => r.Trustworthiness))} | {(rec.Length > 0 ? Median(rec).ToString("F3") : "-")} | {Median(m.Select(r => r.FitSeconds)):F1} | {Median(m.Select(r => r.NearestOnTraining)):F3} |");
                }
                (double lin, double nn) Of(string method) => group.Any(r => r.Method == method)
                    ? (Median(group.Where(r => r.Method == method).Select(r => r.Linear)), Median(group.Where(r => r.Method == method).Select(r => r.Nearest)))
                    : (double.NaN, double.NaN);
                var pca = Of("PCA (ML.NET)");
                var ours = Of("VaeEncode (defaults)");
                rows.Add(("embed", $"{group.Key.Table}, k={group.Key.K}: linear / 1-NN, VaeEncode defaults vs PCA",
                          $"{ours.lin:F3} / {ours.nn:F3} vs {pca.lin:F3} / {pca.nn:F3}", ">= PCA on both"));
                var tsne = Of("t-SNE (sees the test rows)");
                if (group.Key.K == 2 && !double.IsNaN(tsne.nn)) {
                    rows.Add(("embed", $"{group.Key.Table}, 2-D: 1-NN of new rows, VaeEncode defaults vs t-SNE", $"{ours.nn:F3} vs {tsne.nn:F3}", "within 0.03"));
                }
            }
            foreach (var line in lines) Console.WriteLine(line);
            if (markdownPath is not null) File.WriteAllLines(markdownPath, lines);
            return rows;
        }

        // ---- the reducers ----

        static Codes Pca(float[][] train, float[][] test, int k, int seed)
        {
            var ml = new MLContext(seed);
            var clock = Stopwatch.StartNew();
            var model = ml.Transforms.ProjectToPrincipalComponents("Code", "Features", rank: k, seed: seed).Fit(View(ml, train));
            var seconds = clock.Elapsed.TotalSeconds;
            return new Codes(Column(ml, model.Transform(View(ml, train)), "Code"), Column(ml, model.Transform(View(ml, test)), "Code"), seconds);
        }

        static Codes Vae(float[][] train, float[][] test, int k, int seed, double neighbourhood, double beta = 1, double? trim = null,
                         long[]? hidden = null, int? epochs = null)
        {
            var options = new VariationalAutoencoderOptions {
                LatentSize = k, Seed = seed, NeighbourhoodWeight = neighbourhood, Beta = beta, TrimFraction = trim, HiddenSizes = hidden, Epochs = epochs,
            };
            var ml = new MLContext(seed);
            var clock = Stopwatch.StartNew();
            var model = ml.Transforms.VaeEncode("Code", "Features", options).Fit(View(ml, train));
            var seconds = clock.Elapsed.TotalSeconds;
            using var reconstruct = GenerativeTransformer.ForReconstruct(model.Graphs, "Reconstruction");
            var testView = View(ml, test);
            var codes = new Codes(Column(ml, model.Transform(View(ml, train)), "Code"), Column(ml, model.Transform(testView), "Code"), seconds,
                                  Column(ml, reconstruct.Transform(testView), "Reconstruction"));
            model.Dispose();
            return codes;
        }

        static IEnumerable<(string, Codes)> References(string root, string python, float[][] train, float[][] test, int k, int seed)
        {
            var folder = Directory.CreateTempSubdirectory("gml-bench-embed-").FullName;
            try {
                WriteCsv(Path.Combine(folder, "train.csv"), train);
                WriteCsv(Path.Combine(folder, "test.csv"), test);
                var start = new ProcessStartInfo(python) { ArgumentList = { Path.Combine(root, "bench", "reference", "embed_references.py"), folder, k.ToString(), seed.ToString() } };
                start.Environment["OMP_NUM_THREADS"] = "1";
                return ReferenceScript.Results(start, "python3-sklearn").Select(j => (j.GetProperty("method").GetString()!, new Codes(
                    Matrix(j.GetProperty("train")), Matrix(j.GetProperty("test")), j.GetProperty("seconds").GetDouble()))).ToList();
            } finally {
                Directory.Delete(folder, recursive: true);
            }

            static float[][] Matrix(System.Text.Json.JsonElement e) =>
                e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray();
        }

        // ---- the measures ----

        /// <summary>ML.NET's LbfgsMaximumEntropy on the training codes (standardised on them), accuracy on the test codes.</summary>
        static double Linear(float[][] trainCodes, int[] trainLabels, float[][] testCodes, int[] testLabels)
        {
            var ml = new MLContext(1);
            var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Class")
                .Append(ml.Transforms.NormalizeMeanVariance("Features"))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());
            var model = pipeline.Fit(Labelled(ml, trainCodes, trainLabels));
            var predicted = model.Transform(Labelled(ml, testCodes, testLabels));
            return ml.MulticlassClassification.Evaluate(predicted).MicroAccuracy;
        }

        /// <summary>
        /// The share of test rows whose nearest training code has their label; with <paramref name="leaveOneOut"/> the
        /// test rows are the training rows, each leaving itself out.
        /// </summary>
        static double Nearest(float[][] trainCodes, int[] trainLabels, float[][] testCodes, int[] testLabels, bool leaveOneOut = false)
        {
            var right = 0;
            for (var i = 0; i < testCodes.Length; i++) {
                var best = double.MaxValue;
                var label = -1;
                for (var j = 0; j < trainCodes.Length; j++) {
                    if (leaveOneOut && j == i) continue;
                    var d = Distance(testCodes[i], trainCodes[j]);
                    if (d < best) (best, label) = (d, trainLabels[j]);
                }
                if (label == testLabels[i]) right++;
            }
            return right / (double)testCodes.Length;
        }

        /// <summary>
        /// Trustworthiness: 1 - 2 / (n k (2n - 3k - 1)) * sum over rows i of sum over the code neighbours j of i that are
        /// not among its k input neighbours of (r(i, j) - k), with r the rank of j among i's input neighbours. 1 means
        /// no row gains a code neighbour that was not its neighbour in the input.
        /// </summary>
        public static double Trustworthiness(float[][] inputs, float[][] codes, int k)
        {
            var n = inputs.Length;
            k = Math.Min(k, (n - 1) / 3); // the definition needs 2n - 3k - 1 > 0
            double penalty = 0;
            for (var i = 0; i < n; i++) {
                var inputRank = new int[n];
                var byInput = Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => Distance(inputs[i], inputs[j])).ToArray();
                for (var r = 0; r < byInput.Length; r++) inputRank[byInput[r]] = r + 1;
                foreach (var j in Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => Distance(codes[i], codes[j])).Take(k))
                    if (inputRank[j] > k) penalty += inputRank[j] - k;
            }
            return 1 - 2.0 / (n * k * (2.0 * n - 3 * k - 1)) * penalty;
        }

        /// <summary>Mean squared error of the test rows' reconstruction (standardised units): the VAE's decoder, PCA's projection back.</summary>
        static double? Reconstruction(string method, float[][] train, float[][] test, Codes codes)
        {
            if (codes.TestReconstruction is float[][] rec) return test.Zip(rec).Average(p => p.First.Zip(p.Second).Average(v => (double)(v.First - v.Second) * (v.First - v.Second)));
            if (!method.StartsWith("PCA")) return null;
            // The least-squares linear map from codes (plus a constant) to rows is PCA's projection back onto its subspace.
            var map = LeastSquares(codes.Train, train);
            return test.Zip(codes.Test).Average(p => {
                var back = Apply(map, p.Second);
                return p.First.Zip(back).Average(v => (v.First - v.Second) * (v.First - v.Second));
            });
        }

        static double[,] LeastSquares(float[][] codes, float[][] rows)
        {
            var k = codes[0].Length + 1;
            var d = rows[0].Length;
            var a = new double[k, k];
            var b = new double[k, d];
            foreach (var (c, x) in codes.Zip(rows)) {
                var z = c.Select(v => (double)v).Append(1).ToArray();
                for (var i = 0; i < k; i++) {
                    for (var j = 0; j < k; j++) a[i, j] += z[i] * z[j];
                    for (var j = 0; j < d; j++) b[i, j] += z[i] * x[j];
                }
            }
            // Gauss-Jordan on the k x k normal equations (k is the code size plus one).
            for (var col = 0; col < k; col++) {
                var pivot = Enumerable.Range(col, k - col).OrderByDescending(r => Math.Abs(a[r, col])).First();
                for (var j = 0; j < k; j++) (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
                for (var j = 0; j < d; j++) (b[col, j], b[pivot, j]) = (b[pivot, j], b[col, j]);
                var scale = a[col, col];
                if (Math.Abs(scale) < 1e-12) continue;
                for (var j = 0; j < k; j++) a[col, j] /= scale;
                for (var j = 0; j < d; j++) b[col, j] /= scale;
                for (var r = 0; r < k; r++) {
                    if (r == col) continue;
                    var f = a[r, col];
                    for (var j = 0; j < k; j++) a[r, j] -= f * a[col, j];
                    for (var j = 0; j < d; j++) b[r, j] -= f * b[col, j];
                }
            }
            return b;
        }

        static double[] Apply(double[,] map, float[] code)
        {
            var d = map.GetLength(1);
            var x = new double[d];
            for (var j = 0; j < d; j++) {
                x[j] = map[code.Length, j];
                for (var i = 0; i < code.Length; i++) x[j] += code[i] * map[i, j];
            }
            return x;
        }

        // ---- data ----

        static (float[][] train, float[][] test) Standardise(float[][] train, float[][] test)
        {
            var d = train[0].Length;
            var mean = new double[d];
            var sd = new double[d];
            for (var j = 0; j < d; j++) {
                mean[j] = train.Average(r => r[j]);
                sd[j] = Math.Sqrt(train.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])));
                if (sd[j] == 0) sd[j] = 1;
            }
            float[][] Apply(float[][] rows) => rows.Select(r => r.Select((v, j) => (float)((v - mean[j]) / sd[j])).ToArray()).ToArray();
            return (Apply(train), Apply(test));
        }

        /// <summary>Each class's rows shuffled by the seed and dealt round the folds in turn.</summary>
        static int[][] StratifiedFolds(int[] labels, int folds, int seed)
        {
            var random = new Random(seed);
            var buckets = Enumerable.Range(0, folds).Select(_ => new List<int>()).ToArray();
            var next = 0;
            foreach (var group in Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).OrderBy(g => g.Key)) {
                var rows = group.ToArray();
                random.Shuffle(rows);
                foreach (var i in rows) buckets[next++ % folds].Add(i);
            }
            return buckets.Select(b => b.OrderBy(i => i).ToArray()).ToArray();
        }

        static Table Labelled(string name, (float[] x, int label)[] rows) => new(name, rows.Select(r => r.x).ToArray(), rows.Select(r => r.label).ToArray());

        static Table Sklearn(string name, string path) => Labelled(name, Quality.PublicAnomalySets.ReadSklearnCsv(path));

        static Table Digits(string path) => Labelled("digits", Quality.PublicAnomalySets.ReadDigits(path));

        static void WriteCsv(string path, float[][] rows) =>
            File.WriteAllLines(path, rows.Select(r => string.Join(",", r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));

        sealed class Row
        {
            [VectorType] public float[] Features { get; set; } = Array.Empty<float>();
            public int Class { get; set; }
        }

        static IDataView View(MLContext ml, float[][] rows) => Labelled(ml, rows, new int[rows.Length]);

        static IDataView Labelled(MLContext ml, float[][] codes, int[] labels)
        {
            var schema = SchemaDefinition.Create(typeof(Row));
            schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, codes[0].Length);
            return ml.Data.LoadFromEnumerable(codes.Zip(labels).Select(p => new Row { Features = p.First, Class = p.Second }), schema);
        }

        static float[][] Column(MLContext ml, IDataView view, string name) =>
            view.GetColumn<VBuffer<float>>(name).Select(v => v.DenseValues().ToArray()).ToArray();

        static double Distance(float[] a, float[] b)
        {
            double s = 0;
            for (var i = 0; i < a.Length; i++) s += (double)(a[i] - b[i]) * (a[i] - b[i]);
            return s;
        }

        // ---- the pictures ----

        static void DrawMaps(string table, Dictionary<string, (float[][] codes, int[] labels)> maps, string path)
        {
            var multiplot = new Multiplot();
            multiplot.AddPlots(maps.Count);
            var palette = new ScottPlot.Palettes.Category10();
            var i = 0;
            foreach (var (method, (codes, labels)) in maps) {
                var plot = multiplot.GetPlot(i++);
                foreach (var label in labels.Distinct().OrderBy(l => l)) {
                    var rows = codes.Where((_, r) => labels[r] == label).ToArray();
                    var points = plot.Add.ScatterPoints(rows.Select(c => (double)c[0]).ToArray(), rows.Select(c => (double)c[1]).ToArray());
                    points.Color = palette.GetColor(label);
                    points.MarkerSize = 4;
                    points.LegendText = $"class {label}";
                }
                plot.Title(method);
                plot.XLabel("code 1");
                plot.YLabel("code 2");
                if (i == 1) plot.ShowLegend(Alignment.UpperRight);
            }
            multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: (maps.Count + 2) / 3, columns: 3);
            multiplot.SavePng(path, 1500, 480 * ((maps.Count + 2) / 3));
            Console.WriteLine($"  {path}: the 2-D maps of {table}'s test rows (seed 0, fold 0), rows the reducers never saw (t-SNE excepted)");
        }
    }
}

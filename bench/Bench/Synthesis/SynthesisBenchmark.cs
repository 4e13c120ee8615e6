using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Generative.ML.Estimators.Tables;
using Generative.ML.Transformers.Tables;
using Microsoft.ML;
using ScottPlot;

using static Generative.ML.Bench.Statistics;
namespace Generative.ML.Bench.Synthesis
{
    /// <summary>
    /// The table synthesizer against independent marginals and a Gaussian copula on the real tables of data/tables, in one
    /// run. For each seed the table is split 70/30 (the order drawn from the seed); every method learns the 70% and makes
    /// rows, and the quality report compares them with the 70%, the held-out 30% giving the privacy check (distance to the
    /// closest training row against the held-out rows'). Medians over seeds, with their range.
    /// </summary>
    internal static class SynthesisBenchmark
    {
        public sealed record Result(string Table, string Method, double Shapes, double Pairs, double Detection, double Copies, double FitSeconds,
                                    double CloserShare = double.NaN, double MedianRatio = double.NaN, string Spread = "");

        /// <summary>The share of the real table the models learn from; the rest is held out for the privacy check.</summary>
        public const double TrainingShare = 0.7;

        /// <summary>
        /// What the table VAE is trained with here, for experiments on its defaults: Steps (epochs making about that many
        /// optimizer steps on the training part), a validation share with early stopping, weight decay; Modes runs the
        /// mode-specific variant too.
        /// </summary>
        public sealed record Settings(int? Steps = null, double? Validation = null, int? Patience = null, double? WeightDecay = null, bool Modes = true,
                                      int? MaxEpochs = null, double? Beta = null, double? Dropout = null, int? Latent = null, long[]? Hidden = null,
                                      int? Batch = null, double? LearningRate = null)
        {
            public TableSynthesizerOptions Apply(TableSynthesizerOptions o, int rows)
            {
                if (Batch is int batch) o.BatchSize = batch;
                if (LearningRate is double lr) o.LearningRate = lr;
                if (MaxEpochs is int cap) o.Epochs = Math.Min(o.EpochsFor(rows), cap);
                if (Steps is int steps) o.Epochs = Math.Max(1, (int)Math.Ceiling(steps / Math.Ceiling(rows * (1 - (Validation ?? 0)) / o.BatchSize)));
                if (Validation is double v) o.ValidationFraction = v;
                if (Patience is int p) o.EarlyStoppingPatience = p;
                if (WeightDecay is double w) o.WeightDecay = w;
                if (Beta is double b) o.KlWeight = b;
                if (Dropout is double d) o.Dropout = d;
                if (Latent is int l) o.LatentSize = l;
                if (Hidden is long[] h) o.HiddenSizes = h;
                return o;
            }
        }

        public static List<Result> Run(string repoRoot, int seeds, int threads, string outputFolder, IReadOnlyCollection<string>? only = null, Settings? settings = null)
        {
            settings ??= new Settings();
            var results = new List<Result>();
            var columns = new List<string> { "| table | method | seed | column shapes |", "|---|---|---|---|" };
            foreach (var path in Directory.GetFiles(Path.Combine(repoRoot, "data", "tables"), "*.csv").OrderBy(p => p)) {
                var name = Path.GetFileNameWithoutExtension(path);
                if (only is not null && !only.Contains(name)) continue;
                var real = TableCsv.Read(path);
                Console.WriteLine($"== {name}: {real.RowCount} rows, {real.Columns.Count} columns " +
                                  $"({real.Columns.Count(c => c.Kind == TableColumnKind.Categorical)} categorical, " +
                                  $"{real.Columns.Count(c => c.Kind == TableColumnKind.Integer)} integer, " +
                                  $"{real.Columns.Count(c => c.Kind == TableColumnKind.Continuous)} continuous)");
                var runs = new List<Result>();
                var table = real;
                for (var seed = 0; seed < seeds; seed++) {
                    var order = Enumerable.Range(0, table.RowCount).ToArray();
                    new Random(seed).Shuffle(order);
                    var cut = (int)Math.Round(TrainingShare * table.RowCount);
                    real = table.Rows(order[..cut].OrderBy(i => i).ToArray());
                    var heldOut = table.Rows(order[cut..].OrderBy(i => i).ToArray());
                    var clock = Stopwatch.StartNew();
                    using var ours = new MLContext(seed).Data.FitTableSynthesizer(real, settings.Apply(new TableSynthesizerOptions { Seed = seed, Threads = threads }, real.RowCount));
                    var fit = clock.Elapsed.TotalSeconds;
                    clock.Restart();
                    using var modes = settings.Modes ? new MLContext(seed).Data.FitTableSynthesizer(real, settings.Apply(new TableSynthesizerOptions {
                        Seed = seed, Threads = threads, ContinuousEncoding = ContinuousEncoding.ModeSpecific,
                    }, real.RowCount)) : null;
                    var modesFit = clock.Elapsed.TotalSeconds;
                    var methods = new (string name, Func<int, TableData> generate, double fit)[] {
                        ("table VAE (ours)", s => ours.Generate(real.RowCount, s), fit),
                        ("table VAE, modes", s => modes!.Generate(real.RowCount, s), modesFit),
                        ("Gaussian copula", s => new GaussianCopula(real).Generate(real.RowCount, s), 0),
                        ("independent marginals", s => new IndependentMarginals(real).Generate(real.RowCount, s), 0),
                    }.Where(m => modes is not null || m.name != "table VAE, modes").ToArray();
                    foreach (var (method, generate, seconds) in methods) {
                        // Ten times the real rows (in ten draws of the real row count) keep the shapes' and pairs' sampling noise
                        // small; the detector sees the first draw, as many rows as the real table.
                        var synthetic = Concat(Enumerable.Range(0, 10).Select(k => generate(1000 + 100 * seed + k)));
                        var report = SyntheticQuality.Evaluate(real, synthetic, seed, heldOut);
                        columns.Add($"| {name} | {method} | {seed} | " + string.Join(" ", report.ColumnShapes.Select(c => $"{c.Column} {c.Score:F3}")) + " |");
                        runs.Add(new Result(name, method, report.ColumnShapeMean, report.PairTrendMean, report.Detectability, Copies(real, synthetic), seconds,
                                            report.Privacy!.ShareCloserThanHeldOut, report.Privacy.MedianRatio));
                        Console.WriteLine($"   seed {seed} {method,-22} pairs {report.PairTrendMean:F3}  detectability {report.Detectability:F3}  " +
                                          $"closer than held-out 5th pct {100 * report.Privacy.ShareCloserThanHeldOut:F1}%  median ratio {report.Privacy.MedianRatio:F2}");
                    }
                }
                foreach (var group in runs.GroupBy(r => r.Method)) {
                    string Range(Func<Result, double> f, string format) => $"{group.Min(f).ToString(format)}-{group.Max(f).ToString(format)}";
                    var m = new Result(name, group.Key, Median(group.Select(r => r.Shapes)), Median(group.Select(r => r.Pairs)), Median(group.Select(r => r.Detection)),
                                       Median(group.Select(r => r.Copies)), Median(group.Select(r => r.FitSeconds)),
                                       Median(group.Select(r => r.CloserShare)), Median(group.Select(r => r.MedianRatio)),
                                       $"pairs {Range(r => r.Pairs, "F3")}, detectability {Range(r => r.Detection, "F3")}, closer {Range(r => 100 * r.CloserShare, "F1")}%, " +
                                       $"ratio {Range(r => r.MedianRatio, "F2")}");
                    results.Add(m);
                    Console.WriteLine($"   {m.Method,-22} shapes {m.Shapes:F3}  pairs {m.Pairs:F3}  detectability {m.Detection:F3}  copies of training rows {100 * m.Copies:F1}%  " +
                                      $"closer than held-out 5th pct {100 * m.CloserShare:F1}%  median ratio {m.MedianRatio:F2}" +
                                      (m.FitSeconds > 0 ? $"  fit {m.FitSeconds:F1} s" : "") + $"  (ranges over seeds: {m.Spread})");
                }
            }
            Plot(results, outputFolder);
            File.WriteAllLines(Path.Combine(outputFolder, "synth-columns.md"), columns);
            return results;
        }

        static TableData Concat(IEnumerable<TableData> parts)
        {
            var all = parts.ToArray();
            var first = all[0];
            return new TableData(first.Columns, first.Columns.Select((c, j) => c.IsNumeric
                ? (Array)all.SelectMany(t => t.Numbers(j)).ToArray() : all.SelectMany(t => t.Categories(j)).ToArray()).ToArray());
        }

        /// <summary>The share of synthetic rows equal, cell for cell, to some real row.</summary>
        static double Copies(TableData real, TableData synthetic)
        {
            string Key(TableData t, int r) => string.Join("\u0001", t.Columns.Select((c, j) => c.IsNumeric ? t.Numbers(j)[r].ToString("R") : t.Categories(j)[r] ?? "\0"));
            var rows = Enumerable.Range(0, real.RowCount).Select(r => Key(real, r)).ToHashSet();
            return (double)Enumerable.Range(0, synthetic.RowCount).Count(r => rows.Contains(Key(synthetic, r))) / synthetic.RowCount;
        }

        static void Plot(List<Result> results, string folder)
        {
            Directory.CreateDirectory(folder);
            var tables = results.Select(r => r.Table).Distinct().ToArray();
            var methods = results.Select(r => r.Method).Distinct().ToArray();
            var colors = new[] { Colors.DarkOrange, Colors.Gold, Colors.SteelBlue, Colors.Gray };
            foreach (var (file, title, value, note) in new (string, string, Func<Result, double>, string)[] {
                ("synth-detection.png", "Detectability: max(AUC, 0.5) of boosted trees telling real from synthetic rows", r => r.Detection, "max(AUC, 0.5) (0.5 is best)"),
                ("synth-privacy.png", "Privacy: share of synthetic rows closer to a training row than the held-out rows' 5th percentile",
                 r => r.CloserShare, "share (0.05 for new rows; under 0.07 passes)"),
                ("synth-pair-trends.png", "Pair trends: correlation and contingency similarity", r => r.Pairs, "mean similarity (1 is best)"),
                ("synth-column-shapes.png", "Column shapes: 1 - KS (numbers), 1 - TVD (categories)", r => r.Shapes, "mean score (1 is best)"),
            }) {
                var plot = new Plot();
                var bars = new List<Bar>();
                for (var t = 0; t < tables.Length; t++)
                    for (var m = 0; m < methods.Length; m++) {
                        var r = results.Single(x => x.Table == tables[t] && x.Method == methods[m]);
                        bars.Add(new Bar { Position = t + (m - 1.5) * 0.2, Value = value(r), Size = 0.18, FillColor = colors[m] });
                    }
                plot.Add.Bars(bars);
                for (var m = 0; m < methods.Length; m++) plot.Legend.ManualItems.Add(new LegendItem { LabelText = methods[m], FillColor = colors[m] });
                plot.ShowLegend(Alignment.UpperLeft);
                plot.Axes.SetLimitsY(0, 1.25); // room above the bars for the legend
                plot.Axes.Bottom.SetTicks(Enumerable.Range(0, tables.Length).Select(t => (double)t).ToArray(), tables);
                plot.Title(title);
                plot.XLabel("real table");
                plot.YLabel(note);
                plot.SavePng(Path.Combine(folder, file), 900, 550);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Generative.ML.Estimators.Tables;
using Generative.ML.Transformers.Tables;
using ScottPlot;

namespace Generative.ML.Cli
{
    /// <summary>The quality report's pictures: each column's real and synthetic distributions, and the pair-trend heat map.</summary>
    internal static class ReportPlots
    {
        static readonly Color Real = Colors.SteelBlue, Synthetic = Colors.DarkOrange;

        /// <summary>column-NAME.png for every column and pair-trends.png; returns the files written.</summary>
        public static IReadOnlyList<string> Write(string folder, TableData real, TableData synthetic, SyntheticQualityReport report)
        {
            Directory.CreateDirectory(folder);
            var files = new List<string>();
            for (var j = 0; j < real.Columns.Count; j++) {
                var column = real.Columns[j];
                var s = synthetic.IndexOf(column.Name);
                var plot = new Plot();
                var shape = report.ColumnShapes[j];
                plot.Title($"{column.Name}: real against synthetic ({shape.Metric} shape score {shape.Score:F3})");
                plot.YLabel("share of rows");
                if (column.IsNumeric) Histogram(plot, real.Numbers(j), synthetic.Numbers(s), column.Name);
                else Categories(plot, real.Categories(j), synthetic.Categories(s), column.Name);
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = "real", FillColor = Real });
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = "synthetic", FillColor = Synthetic });
                plot.ShowLegend(Alignment.UpperRight);
                var file = Path.Combine(folder, $"column-{Safe(column.Name)}.png");
                Generative.ML.Graphs.AtomicFile.WriteVia(file, temporary => plot.SavePng(temporary, 900, 500));
                files.Add(file);
            }
            files.Add(Heatmap(folder, real, report));
            if (report.Privacy is { } privacy) files.Add(Distances(folder, privacy));
            return files;
        }

        /// <summary>privacy.png: the distances to the closest training row, synthetic rows against held-out ones, as shares of rows per bin.</summary>
        static string Distances(string folder, PrivacyCheck privacy)
        {
            var plot = new Plot();
            var all = privacy.SyntheticDistances.Concat(privacy.HeldOutDistances).ToArray();
            var hi = Math.Max(all.Max(), 1e-9);
            const int bins = 30;
            var width = hi / bins;
            double[] Shares(IReadOnlyList<double> v) => Enumerable.Range(0, bins)
                .Select(k => (double)v.Count(x => Math.Min(bins - 1, (int)(x / width)) == k) / Math.Max(1, v.Count)).ToArray();
            var (held, synthetic) = (Shares(privacy.HeldOutDistances), Shares(privacy.SyntheticDistances));
            var bars = new List<Bar>();
            for (var k = 0; k < bins; k++) {
                var centre = (k + 0.5) * width;
                bars.Add(new Bar { Position = centre - width / 4, Value = held[k], Size = width / 2, FillColor = Real });
                bars.Add(new Bar { Position = centre + width / 4, Value = synthetic[k], Size = width / 2, FillColor = Synthetic });
            }
            plot.Add.Bars(bars);
            var line = plot.Add.VerticalLine(privacy.HeldOutThreshold);
            line.LineColor = Colors.Gray;
            line.LinePattern = LinePattern.Dashed;
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "held-out real rows", FillColor = Real });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "synthetic rows", FillColor = Synthetic });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "held-out 5th percentile", LineColor = Colors.Gray, LinePattern = LinePattern.Dashed, LineWidth = 1 });
            plot.ShowLegend(Alignment.UpperRight);
            plot.Title(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Closest training row: {100 * privacy.ShareCloserThanHeldOut:F1}% of synthetic rows left of the line (5% if new), median ratio {privacy.MedianRatio:F2}"));
            plot.XLabel("Gower distance to the closest training row");
            plot.YLabel("share of rows");
            var file = Path.Combine(folder, "privacy.png");
            Generative.ML.Graphs.AtomicFile.WriteVia(file, temporary => plot.SavePng(temporary, 1100, 520));
            return file;
        }

        static void Histogram(Plot plot, double[] real, double[] synthetic, string name)
        {
            var a = real.Where(v => !double.IsNaN(v)).ToArray();
            var b = synthetic.Where(v => !double.IsNaN(v)).ToArray();
            var (lo, hi) = (a.Concat(b).Min(), a.Concat(b).Max());
            const int bins = 25;
            var width = hi > lo ? (hi - lo) / bins : 1;
            double[] Shares(double[] v) => Enumerable.Range(0, bins)
                .Select(k => (double)v.Count(x => Math.Min(bins - 1, (int)((x - lo) / width)) == k) / Math.Max(1, v.Length)).ToArray();
            var (sa, sb) = (Shares(a), Shares(b));
            var bars = new List<Bar>();
            for (var k = 0; k < bins; k++) {
                var centre = lo + (k + 0.5) * width;
                bars.Add(new Bar { Position = centre - width / 4, Value = sa[k], Size = width / 2, FillColor = Real });
                bars.Add(new Bar { Position = centre + width / 4, Value = sb[k], Size = width / 2, FillColor = Synthetic });
            }
            plot.Add.Bars(bars);
            plot.XLabel($"{name} (blanks left out: {real.Count(double.IsNaN)} real, {synthetic.Count(double.IsNaN)} synthetic)");
        }

        static void Categories(Plot plot, string?[] real, string?[] synthetic, string name)
        {
            var labels = real.Concat(synthetic).Select(v => v ?? "(blank)").GroupBy(v => v).OrderByDescending(g => g.Count()).Select(g => g.Key).Take(30).ToArray();
            var bars = new List<Bar>();
            for (var k = 0; k < labels.Length; k++) {
                bars.Add(new Bar { Position = k - 0.2, Value = (double)real.Count(v => (v ?? "(blank)") == labels[k]) / real.Length, Size = 0.4, FillColor = Real });
                bars.Add(new Bar { Position = k + 0.2, Value = (double)synthetic.Count(v => (v ?? "(blank)") == labels[k]) / synthetic.Length, Size = 0.4, FillColor = Synthetic });
            }
            plot.Add.Bars(bars);
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Length).Select(k => (double)k).ToArray(), labels);
            plot.XLabel(name);
        }

        static string Heatmap(string folder, TableData real, SyntheticQualityReport report)
        {
            var names = real.Columns.Select(c => c.Name).ToArray();
            var n = names.Length;
            var grid = new double[n, n];
            for (var i = 0; i < n; i++) for (var j = 0; j < n; j++) grid[i, j] = i == j ? 1 : double.NaN;
            foreach (var p in report.PairTrends) {
                var (a, b) = (Array.IndexOf(names, p.First), Array.IndexOf(names, p.Second));
                grid[a, b] = grid[b, a] = p.Score;
            }
            var plot = new Plot();
            // Row 0 of the grid is drawn at the top; ticks count rows from the top down.
            var heat = plot.Add.Heatmap(grid);
            heat.Colormap = new ScottPlot.Colormaps.Viridis();
            heat.ManualRange = new ScottPlot.Range(0, 1);
            plot.Add.ColorBar(heat).Label = "similarity (1 = the relation is kept)";
            var ticks = Enumerable.Range(0, n).Select(k => (double)k).ToArray();
            plot.Axes.Bottom.SetTicks(ticks, names);
            plot.Axes.Left.SetTicks(ticks.Select(t => n - 1 - t).ToArray(), names);
            plot.Title($"Pair trends: correlation or contingency similarity (mean {report.PairTrendMean:F3})");
            plot.XLabel("column");
            plot.YLabel("column");
            var file = Path.Combine(folder, "pair-trends.png");
            Generative.ML.Graphs.AtomicFile.WriteVia(file, temporary => plot.SavePng(temporary, 900, 800));
            return file;
        }

        static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
    }
}

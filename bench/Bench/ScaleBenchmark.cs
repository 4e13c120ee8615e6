using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Bench
{
    /// <summary>
    /// Fit's time and peak memory as the table grows, each size in a process of its own (peak RSS is per process):
    /// rows of 32 features made as the cursor walks (nothing held), or read back from ML.NET's binary format on disk.
    /// </summary>
    internal static class ScaleBenchmark
    {
        public const int Width = 32;

        sealed class Line
        {
            [VectorType(Width)]
            public float[] Features { get; set; } = Array.Empty<float>();
        }

        /// <summary>Rows near an 8-dimensional subspace, made from the row's index: the same table whenever it is walked.</summary>
        static IEnumerable<Line> Rows(long count)
        {
            var loadings = new float[Width * 8];
            var r = new Random(7);
            for (var i = 0; i < loadings.Length; i++) loadings[i] = (float)(r.NextDouble() * 2 - 1);
            var z = new float[8];
            for (long i = 0; i < count; i++) {
                var rr = new Random((int)(i * 2654435761 % int.MaxValue));
                for (var k = 0; k < 8; k++) z[k] = (float)(rr.NextDouble() * 2 - 1);
                var x = new float[Width];
                for (var j = 0; j < Width; j++) {
                    float v = 0;
                    for (var k = 0; k < 8; k++) v += loadings[j * 8 + k] * z[k];
                    x[j] = v + 0.05f * (float)(rr.NextDouble() - 0.5);
                }
                yield return new Line { Features = x };
            }
        }

        /// <summary>The child: one Fit on <paramref name="rows"/> rows, then a line of numbers for the parent.</summary>
        public static int Child(long rows, string source, string? file)
        {
            var ml = new MLContext(1);
            IDataView data;
            if (source == "file") {
                if (!File.Exists(file)) {
                    using var stream = File.Create(file!);
                    ml.Data.SaveAsBinary(ml.Data.LoadFromEnumerable(Rows(rows)), stream, keepHidden: false);
                }
                data = ml.Data.LoadFromBinary(file!);
            } else {
                data = ml.Data.LoadFromEnumerable(Rows(rows));
            }
            var clock = Stopwatch.StartNew();
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { Seed = 1 }).Fit(data);
            var fit = clock.Elapsed.TotalSeconds;
            var peakAfterFit = PeakRssMb();
            // Scoring rows/s: fitted (blocks), after Model.Load (ML.NET's chain, a call per row: fewer rows), after LoadBatched.
            double Rate(ITransformer t, long n)
            {
                var head = ml.Data.TakeRows(data, n);
                var timer = Stopwatch.StartNew();
                var count = t.Transform(head).GetColumn<float>("Score").LongCount();
                return count / timer.Elapsed.TotalSeconds;
            }
            var zip = Path.Combine(Path.GetTempPath(), $"gml-scale-model-{Environment.ProcessId}.zip");
            ml.Model.Save(model, data.Schema, zip);
            var fitted = Rate(model, Math.Min(rows, 200_000));
            var perRow = Rate(ml.Model.Load(zip, out _), Math.Min(rows, 20_000));
            var batched = Rate(ml.Model.LoadBatched(zip, out _), Math.Min(rows, 200_000));
            File.Delete(zip);
            Console.WriteLine($"RESULT {rows} {fit:F1} {peakAfterFit:F0} {fitted:F0} {perRow:F0} {batched:F0}");
            return 0;
        }

        static double PeakRssMb()
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }

        /// <summary>Fit time and peak RSS against the row count, on log axes.</summary>
        public static void Plot(string path, IReadOnlyList<(long rows, string source, double fit, double peak)> results)
        {
            var plot = new ScottPlot.Plot();
            var lazy = results.Where(r => r.source == "lazy").ToArray();
            var time = plot.Add.Scatter(lazy.Select(r => Math.Log10(r.rows)).ToArray(), lazy.Select(r => r.fit).ToArray());
            time.LegendText = "Fit time, s (rows made as the cursor walks)";
            var memory = plot.Add.Scatter(lazy.Select(r => Math.Log10(r.rows)).ToArray(), lazy.Select(r => r.peak / 100).ToArray());
            memory.LegendText = "peak RSS, 100 MB";
            foreach (var f in results.Where(r => r.source == "file")) {
                var p = plot.Add.ScatterPoints(new[] { Math.Log10(f.rows) }, new[] { f.peak / 100 });
                p.LegendText = $"peak RSS from a binary file, 100 MB ({f.rows:N0} rows)";
                p.MarkerSize = 9;
            }
            var limit = plot.Add.HorizontalLine(15);
            limit.LegendText = "1.5 GB target";
            limit.LinePattern = ScottPlot.LinePattern.Dashed;
            plot.Title("VaeAnomalyScore Fit as the table grows (32 features, default options)");
            plot.XLabel("rows (log10)");
            plot.YLabel("seconds / hundreds of MB");
            plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
            plot.SavePng(path, 900, 600);
        }

        /// <summary>Runs the child for one size; null when it failed (the parent says so).</summary>
        public static (double fitSeconds, double peakMb, double fitted, double loaded, double loadedBatched)? Measure(long rows, string source, string file)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(ScaleBenchmark).Assembly.Location);
            foreach (var a in new[] { "scale-child", rows.ToString(), source, file }) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var result = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT "));
            if (process.ExitCode != 0 || result is null) return null;
            var f = result.Split(' ');
            return (double.Parse(f[2]), double.Parse(f[3]), double.Parse(f[4]), double.Parse(f[5]), double.Parse(f[6]));
        }
    }
}

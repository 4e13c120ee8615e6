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
            var model = ml.Transforms.VaeAnomalyScore("Features", new VariationalAutoencoderOptions { Seed = 1 }).Fit(data);
            var fit = clock.Elapsed.TotalSeconds;
            var peakAfterFit = PeakRssMb();
            // Scoring: the fitted transform (blocks) over the first 200,000 rows.
            var scored = Math.Min(rows, 200_000);
            var head = ml.Data.TakeRows(data, scored);
            clock.Restart();
            var count = model.Transform(head).GetColumn<float>("Score").LongCount();
            var rate = count / clock.Elapsed.TotalSeconds;
            Console.WriteLine($"RESULT {rows} {fit:F1} {peakAfterFit:F0} {rate:F0}");
            return 0;
        }

        static double PeakRssMb()
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }

        /// <summary>Runs the child for one size; null when it failed (the parent says so).</summary>
        public static (double fitSeconds, double peakMb, double rowsPerSecond)? Measure(long rows, string source, string file)
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
            return (double.Parse(f[2]), double.Parse(f[3]), double.Parse(f[4]));
        }
    }
}

using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace Generative.ML.Cli.Tests
{
    /// <summary>
    /// No partial files: gml killed at random points while it writes leaves the old file as it was or the new one
    /// whole, never a truncated file under the final name.
    /// </summary>
    /// <remarks>Slow (half a minute of processes started and killed): CI runs it, the README's test command does not.</remarks>
    [Trait("Category", "EndToEnd")]
    [Trait("Speed", "Slow")]
    public sealed class KilledWriterTests : IDisposable
    {
        readonly string _dir = Directory.CreateTempSubdirectory("gml-kill-").FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        string PathOf(string name) => Path.Combine(_dir, name);

        static Process Start(string dir, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
            start.ArgumentList.Add(Gml.DllPath);
            foreach (var a in args) start.ArgumentList.Add(a);
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        [Fact]
        public void KilledWhileWritingTheOldFileStaysOrTheNewOneIsWhole()
        {
            var random = new Random(37);
            string Row(int i) => string.Join(",", Enumerable.Range(0, 4).Select(_ => (random.NextDouble() * 10).ToString("F3", CultureInfo.InvariantCulture)));
            File.WriteAllLines(PathOf("train.csv"), new[] { "a,b,c,d" }.Concat(Enumerable.Range(0, 300).Select(Row)));
            const int Rows = 150_000; // a few seconds of scoring: the kills land before, during and after the writing
            File.WriteAllLines(PathOf("big.csv"), new[] { "a,b,c,d" }.Concat(Enumerable.Range(0, Rows).Select(Row)));
            var (exit, _, error) = Gml.Run(_dir, "train", "--data", "train.csv", "--epochs", "3", "--out", "model.zip");
            Assert.True(exit == 0, error);
            var oldScores = new[] { "a,b,c,d,Score,PredictedLabel,TopFeature", "the old output" };
            var oldModel = File.ReadAllBytes(PathOf("model.zip"));

            var outcomes = new System.Collections.Generic.List<string>();
            foreach (var delay in new[] { 300, 1200, 2500, 4000 }) {
                File.WriteAllLines(PathOf("scores.csv"), oldScores);
                using (var score = Start(_dir, "score", "--model", "model.zip", "--data", "big.csv", "--out", "scores.csv")) {
                    Thread.Sleep(delay + random.Next(300));
                    if (!score.HasExited) score.Kill(entireProcessTree: true);
                    score.WaitForExit();
                }
                var lines = File.ReadAllLines(PathOf("scores.csv"));
                var whole = lines.Length == Rows + 1 && lines[^1].Split(',').Length == 7;
                Assert.True(lines.SequenceEqual(oldScores) || whole, $"After a kill at {delay} ms scores.csv has {lines.Length} lines: neither the old file nor the whole new one.");
                outcomes.Add(whole ? "new" : "old");

                // The model file: retraining over it, killed part-way, leaves a model that loads and scores.
                using (var train = Start(_dir, "train", "--data", "train.csv", "--epochs", "3", "--seed", "2", "--out", "model.zip")) {
                    Thread.Sleep(random.Next(500, 3000));
                    if (!train.HasExited) train.Kill(entireProcessTree: true);
                    train.WaitForExit();
                }
                var check = Gml.Run(_dir, "inspect", "--model", "model.zip");
                Assert.True(check.exit == 0, $"The model file does not load after a killed retraining: {check.error}");
            }
            // A killed writer leaves only a hidden temporary file (.name.pid.id.partial.ext) beside the final names.
            Assert.Equal(new[] { "big.csv", "model.zip", "scores.csv", "train.csv" },
                         Directory.GetFiles(_dir).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order(StringComparer.Ordinal));
            Assert.Contains("old", outcomes); // some kills landed while the file was being written
        }
    }
}

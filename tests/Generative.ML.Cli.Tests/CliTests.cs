using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace Generative.ML.Cli.Tests
{
    /// <summary>Slow: a CSV round trip through every command, and one clear line with a non-zero exit for each bad input.</summary>
    [Trait("Category", "EndToEnd")]
    public class CliTests : IDisposable
    {
        readonly string _dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gml-cli-{Guid.NewGuid():N}");

        public CliTests()
        {
            Directory.CreateDirectory(_dir);
            var r = new Random(1);
            double G() => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
            string Row(int i, bool anomaly)
            {
                double z = G(), w = G();
                var b = 2 * z + (anomaly ? 4 : 0.1 * G()); // an anomaly breaks the a-b relation by 40 noise widths
                return string.Join(",", i.ToString(), F(z), F(b), F(w), F(z - w), $"row{i}");
            }
            File.WriteAllLines(Path("train.csv"), new[] { "id,a,b,c,d,name" }.Concat(Enumerable.Range(0, 400).Select(i => Row(i, false))));
            File.WriteAllLines(Path("test.csv"), new[] { "id,a,b,c,d,name" }.Concat(Enumerable.Range(0, 40).Select(i => Row(i, i >= 36))));
        }

        static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);

        string Path(string name) => System.IO.Path.Combine(_dir, name);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        (int exit, string output, string error) Gml(params string[] args) => Tests.Gml.Run(_dir, args);

        void Train(string columns = "a,b,c,d", string kind = "vae")
        {
            var (exit, _, error) = Gml("train", "--data", "train.csv", "--columns", columns, "--kind", kind, "--out", "model.zip");
            Assert.True(exit == 0, error);
        }

        [Fact]
        public void ACsvRoundTripThroughEveryCommand()
        {
            Train();
            Assert.Equal(0, Gml("score", "--model", "model.zip", "--data", "test.csv", "--out", "scores.csv").exit);
            var scores = File.ReadAllLines(Path("scores.csv"));
            Assert.Equal("a,b,c,d,Score,PredictedLabel,TopFeature", scores[0]);
            var parsed = scores.Skip(1).Select(l => l.Split(',')).ToArray();
            Assert.Equal(40, parsed.Length);
            var normal = parsed.Take(36).Select(p => double.Parse(p[4], CultureInfo.InvariantCulture)).ToArray();
            var anomalies = parsed.Skip(36).Select(p => double.Parse(p[4], CultureInfo.InvariantCulture)).ToArray();
            Assert.True(anomalies.Min() > normal.Max(), "the planted anomalies do not score highest");
            Assert.All(parsed.Skip(36), p => Assert.Equal("True", p[5]));
            Assert.All(parsed.Skip(36), p => Assert.Contains(p[6], new[] { "a", "b" })); // a column of the broken relation

            Assert.Equal(0, Gml("encode", "--model", "model.zip", "--data", "test.csv", "--out", "codes.csv").exit);
            // One column per latent dimension: the library's automatic size for 4 columns is 2 (a quarter, at least 2).
            Assert.Equal("z1,z2", File.ReadLines(Path("codes.csv")).First());

            Assert.Equal(0, Gml("reconstruct", "--model", "model.zip", "--data", "test.csv", "--out", "back.csv").exit);
            var back = File.ReadAllLines(Path("back.csv")).Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            var original = File.ReadAllLines(Path("test.csv")).Skip(1).Select(l => l.Split(',')[1..5].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            // In the CSV's own units: a and b (twice a) come back close on the normal rows.
            var error = back.Take(36).Zip(original, (x, o) => Math.Abs(x[0] - o[0]) + Math.Abs(x[1] - o[1])).Average();
            Assert.True(error < 0.5, $"mean reconstruction error of a and b: {error:F3}");

            Assert.Equal(0, Gml("sample", "--model", "model.zip", "--count", "500", "--seed", "3", "--out", "new.csv").exit);
            Assert.Equal(0, Gml("sample", "--model", "model.zip", "--count", "500", "--seed", "3", "--out", "again.csv").exit);
            Assert.Equal(File.ReadAllText(Path("new.csv")), File.ReadAllText(Path("again.csv")));
            // Written with the four decimals the training CSV's columns have, as reconstructions are.
            Assert.All(File.ReadAllLines(Path("new.csv")).Skip(1).Concat(File.ReadAllLines(Path("back.csv")).Skip(1)).SelectMany(l => l.Split(',')),
                       v => Assert.Matches(@"^-?\d+\.\d{4}$", v));
            var generated = File.ReadAllLines(Path("new.csv")).Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            var correlation = Correlation(generated.Select(g => g[0]).ToArray(), generated.Select(g => g[1]).ToArray());
            Assert.True(correlation > 0.8, $"generated rows lost the a-b relation (correlation {correlation:F2})");

            Assert.Equal(0, Gml("export", "--model", "model.zip", "--out", "onnx").exit);
            Assert.Equal(new[] { "decoder.onnx", "encoder.onnx", "sampler.onnx", "scorer.onnx" },
                         Directory.GetFiles(Path("onnx")).Select(System.IO.Path.GetFileName).OrderBy(n => n));
            // Each graph is stored once in the zip: in the ONNX transform that runs it, and nowhere else.
            using (var zip = System.IO.Compression.ZipFile.OpenRead(Path("model.zip"))) {
                var stored = zip.Entries.Where(e => e.FullName.EndsWith(".onnx") || e.Name == "OnnxModel").ToList();
                Assert.Equal(4, stored.Count);
                Assert.All(stored, e => Assert.Equal("OnnxModel", e.Name));
            }
            var (inspected, text, _) = Gml("inspect", "--model", "model.zip");
            Assert.Equal(0, inspected);
            Assert.Contains("columns: a, b, c, d", text);
            Assert.Contains("model_kind: VariationalAutoencoder", text);
        }

        [Fact]
        public void EveryBadInputEndsInOneClearLineAndANonZeroExit()
        {
            File.WriteAllText(Path("empty.csv"), "");
            File.WriteAllText(Path("header-only.csv"), "a,b,c,d\n");
            File.WriteAllText(Path("ragged.csv"), "a,b,c,d\n1,2,3,4\n1,2,3\n");
            File.WriteAllText(Path("text.csv"), "a,b,c,d\n1,2,3,4\n1,two,3,4\n");
            File.WriteAllText(Path("other.csv"), "x,y\n1,2\n");
            Train();
            void Fails(string expected, params string[] args)
            {
                var (exit, _, error) = Gml(args);
                Assert.Equal(expected.StartsWith("--", StringComparison.Ordinal) ? 2 : 1, exit); // the command line: 2; the data: 1
                Assert.Single(error.Trim().Split('\n'));
                Assert.Contains(expected, error);
            }
            Fails("missing.csv: no such file", "train", "--data", "missing.csv", "--out", "m.zip");
            Fails("empty.csv: the file is empty", "train", "--data", "empty.csv", "--out", "m.zip");
            Fails("header-only.csv: the header is there but there are no rows", "train", "--data", "header-only.csv", "--out", "m.zip");
            Fails("ragged.csv:3: 3 values, but the header names 4 columns", "train", "--data", "ragged.csv", "--out", "m.zip");
            Fails("text.csv:3: column 'b' holds 'two'", "train", "--data", "text.csv", "--columns", "a,b,c,d", "--out", "m.zip");
            Fails("train.csv: no column 'e'", "train", "--data", "train.csv", "--columns", "a,e", "--out", "m.zip");
            Fails("other.csv: no column 'a'", "score", "--model", "model.zip", "--data", "other.csv", "--out", "s.csv");
            Fails("The model was trained on a, b, c, d", "score", "--model", "model.zip", "--data", "other.csv", "--out", "s.csv");
            Fails("nomodel.zip: no such model file", "score", "--model", "nomodel.zip", "--data", "test.csv", "--out", "s.csv");
            Fails("train.csv: not a model saved by gml train", "inspect", "--model", "train.csv");
            Fails("--prior-components must be at least 1", "train", "--data", "train.csv", "--kind", "wae", "--prior-components", "0", "--out", "m.zip");
            Fails("--prior-components is for --kind aae or wae", "train", "--data", "train.csv", "--prior-components", "3", "--out", "m.zip");
        }

        /// <summary>
        /// A bad value of every kind of option (a number out of range, a value that does not parse, a choice not offered, a
        /// list with a bad item, an option that does not exist or does not apply) ends in one line that names the option,
        /// with exit code 2, before any file is read or written; a data error is exit code 1.
        /// </summary>
        [Theory]
        [InlineData("--contamination 0.6", "--contamination must be above 0 and below 0.5; got 0.6.")]
        [InlineData("--epochs 0", "--epochs must be at least 1; got 0.")]
        [InlineData("--latent 300", "--latent must be from 1 to 256; got 300.")]
        [InlineData("--latent abc", "--latent takes a whole number; got 'abc'.")]
        [InlineData("--learning-rate x", "--learning-rate takes a number; got 'x'.")]
        [InlineData("--learning-rate 2", "--learning-rate must be above 0 and at most 1; got 2.")]
        [InlineData("--hidden 64,-3", "--hidden takes comma-separated widths from 1 to 65536, such as 64,32; got '64,-3'.")]
        [InlineData("--batch-size 0", "--batch-size must be at least 1; got 0.")]
        [InlineData("--threads 0", "--threads must be from 1 to 1024; got 0.")]
        [InlineData("--seed -2", "--seed must be 0 or more; got -2.")]
        [InlineData("--kind nope", "'nope'")]
        [InlineData("--score bogus", "'bogus'")]
        [InlineData("--kind ae --score iwae", "--score is for --kind vae or vaegan")]
        [InlineData("--frobnicate 3", "'--frobnicate'")]
        [InlineData("--target-recall 0.8", "--target-recall is measured on known anomalies: give --label too.")]
        [InlineData("--label a --target-recall 0", "--target-recall must be above 0 and at most 1; got 0.")]
        [InlineData("--label a --target-recall 0.5 --target-precision 0.5", "--target-recall and --target-precision each set the threshold: give one.")]
        [InlineData("--label a --columns a,b", "--label a is also in --columns")]
        public void ABadOptionValueIsOneLineNamingItWithExitCodeTwo(string options, string expected)
        {
            var (exit, output, error) = Gml(new[] { "train", "--data", "train.csv", "--out", "m.zip" }.Concat(options.Split(' ')).ToArray());
            Assert.Equal(2, exit);
            Assert.Single(error.Trim().Split('\n'));
            Assert.StartsWith("error: ", error);
            Assert.Contains(expected, error);
            Assert.DoesNotContain("   at ", error + output); // never a stack trace
            Assert.False(File.Exists(Path("m.zip")));
        }

        /// <summary>The settings users reach for travel from the command line into the model, and --json sums the run up for scripts.</summary>
        [Fact]
        public void TrainingFlagsReachTheModelAndJsonSumsItUp()
        {
            var (exit, output, error) = Gml("train", "--data", "train.csv", "--columns", "a,b,c,d", "--epochs", "12", "--hidden", "24,12", "--batch-size", "32",
                                            "--learning-rate", "0.004", "--threads", "1", "--score", "error", "--latent", "3", "--seed", "5", "--json", "--out", "model.zip");
            Assert.True(exit == 0, error);
            using var summary = System.Text.Json.JsonDocument.Parse(output.Trim());
            var root = summary.RootElement;
            Assert.Equal("train", root.GetProperty("command").GetString());
            Assert.Equal(400, root.GetProperty("rows").GetInt32());
            Assert.Equal(12, root.GetProperty("epochs").GetInt32());
            Assert.Equal(12 * 13, root.GetProperty("steps").GetInt64()); // 400 rows in batches of 32
            Assert.Equal(5, root.GetProperty("seed").GetInt32());
            var inspected = Gml("inspect", "--model", "model.zip").output;
            Assert.Contains("4 -> 3, hidden [24, 12], 12 epochs", inspected);
            Assert.Contains("score ReconstructionError", inspected);
            (exit, output, error) = Gml("score", "--model", "model.zip", "--data", "test.csv", "--out", "scores.csv", "--json");
            Assert.True(exit == 0, error);
            using var scored = System.Text.Json.JsonDocument.Parse(output.Trim());
            Assert.Equal(40, scored.RootElement.GetProperty("rows").GetInt32());
        }

        /// <summary>
        /// --label: known anomalies (1) are left out of training, the score is chosen by them and the threshold set from
        /// --target-recall; `gml inspect` says so. A cell that is no label is one line naming the file, line and column.
        /// </summary>
        /// <remarks>Slow (four trainings): CI runs it, the README's test command does not.</remarks>
        [Fact]
        [Trait("Speed", "Slow")]
        public void A_label_column_of_known_anomalies_chooses_the_score_and_sets_the_threshold()
        {
            // The training rows with the test file's four anomalies and one of them again as known ones, 40 rows known normal, the rest blank.
            var rows = File.ReadAllLines(Path("train.csv")).Skip(1).Select((line, i) => line + (i < 40 ? ",0" : ","))
                .Concat(File.ReadAllLines(Path("test.csv")).Skip(37).Select(line => line + ",1"))
                .Concat(File.ReadAllLines(Path("test.csv")).Skip(37).Take(1).Select(line => line + ",1"));
            File.WriteAllLines(Path("labelled.csv"), new[] { "id,a,b,c,d,name,known" }.Concat(rows));
            var (exit, _, error) = Gml("train", "--data", "labelled.csv", "--columns", "a,b,c,d", "--label", "known", "--target-recall", "0.8",
                                       "--epochs", "20", "--out", "labelled.zip");
            Assert.True(exit == 0, error);
            var inspected = Gml("inspect", "--model", "labelled.zip").output;
            Assert.Contains("on 400 rows", inspected); // the 5 known anomalies left out
            Assert.Contains("recall 0.8 on 5 known anomalies and 40 known normal rows", inspected);
            Assert.Contains("score chosen by cross-validated AUROC", inspected);
            // The saved model reads the feature columns only: scoring a file without the label column works.
            (exit, _, error) = Gml("score", "--model", "labelled.zip", "--data", "test.csv", "--out", "scores.csv");
            Assert.True(exit == 0, error);

            File.WriteAllLines(Path("wrong.csv"), new[] { "a,b,c,d,known", "1,2,3,4,", "1,2,3,4,maybe" });
            (exit, var output, error) = Gml("train", "--data", "wrong.csv", "--label", "known", "--out", "wrong.zip");
            Assert.Equal(1, exit);
            Assert.Equal("error: wrong.csv:3: column 'known' is 'maybe'; a label is 1 or true (a known anomaly), 0 or false (a known normal row), or blank (unknown).",
                         error.Trim());
            Assert.DoesNotContain("   at ", error + output);
        }

        /// <summary>Ctrl+C (SIGINT) stops training at the next batch: exit code 130, and no model file, whole or partial.</summary>
        [Fact]
        public async System.Threading.Tasks.Task CtrlCStopsTrainingWritesNothingAndExitsWith130()
        {
            // Started through python3 so that SIGINT has its default disposition, whatever this test process inherited.
            var start = new System.Diagnostics.ProcessStartInfo("python3") {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir,
            };
            foreach (var a in new[] { "-c", "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])",
                                      "dotnet", Tests.Gml.DllPath, "train", "--data", "train.csv", "--epochs", "100000", "--out", "cancelled.zip" })
                start.ArgumentList.Add(a);
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await System.Threading.Tasks.Task.Delay(6000); // torch loaded and training under way (100,000 epochs would take hours)
            Assert.False(process.HasExited, "gml ended before Ctrl+C");
            using (var kill = System.Diagnostics.Process.Start("kill", new[] { "-INT", process.Id.ToString(CultureInfo.InvariantCulture) })!) kill.WaitForExit();
            Assert.True(process.WaitForExit(30_000), "gml did not stop within 30 s of Ctrl+C");
            Assert.Equal(130, process.ExitCode);
            Assert.Contains("error: cancelled; nothing was written.", await error);
            await output;
            Assert.Empty(Directory.GetFiles(_dir, "cancelled.zip*"));
        }

        [Theory]
        [Trait("Speed", "Slow")]
        [InlineData("vq", "VectorQuantizedAutoencoder")]
        [InlineData("aae", "AdversarialAutoencoder")]
        [InlineData("wae", "AdversarialAutoencoder")]
        [InlineData("vaegan", "VaeGan")]
        public void The_other_kinds_train_score_and_sample_from_a_csv(string kind, string modelKind)
        {
            Train(kind: kind);
            Assert.Equal(0, Gml("score", "--model", "model.zip", "--data", "test.csv", "--out", "scores.csv").exit);
            var scores = File.ReadAllLines(Path("scores.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture)).ToArray();
            Assert.True(scores.Skip(36).Average() > scores.Take(36).Max(), $"{kind}: the planted anomalies do not score above the normal rows on average");
            Assert.Equal(0, Gml("sample", "--model", "model.zip", "--count", "200", "--seed", "1", "--out", "new.csv").exit);
            Assert.Equal(201, File.ReadAllLines(Path("new.csv")).Length);
            var inspected = Gml("inspect", "--model", "model.zip").output;
            Assert.Contains($"model_kind: {modelKind}", inspected);
            if (kind == "wae") Assert.Contains("code_matching: MaximumMeanDiscrepancy", inspected);
        }

        /// <summary>The GAN comes from the same list of families as the rest: it trains, scores and samples; it has nothing to encode with.</summary>
        [Fact]
        public void TheGanTrainsScoresAndSamplesAndRefusesToEncode()
        {
            Train(kind: "gan");
            Assert.Equal(0, Gml("score", "--model", "model.zip", "--data", "test.csv", "--out", "scores.csv").exit);
            Assert.Equal("a,b,c,d,Score,PredictedLabel", File.ReadAllLines(Path("scores.csv"))[0]);
            Assert.Equal(0, Gml("sample", "--model", "model.zip", "--count", "50", "--seed", "3", "--out", "new.csv").exit);
            var rows = File.ReadAllLines(Path("new.csv"));
            Assert.Equal(51, rows.Length);
            Assert.Equal(50, rows.Skip(1).Distinct().Count());
            var (exit, _, error) = Gml("encode", "--model", "model.zip", "--data", "test.csv", "--out", "codes.csv");
            Assert.Equal(1, exit);
            Assert.Contains("has no encoder", error);
            Assert.Contains("model card: GAN", Gml("inspect", "--model", "model.zip").output);
        }

        [Fact]
        public void APlainAutoencoderRefusesToSample()
        {
            Train(kind: "ae");
            var (exit, _, error) = Gml("sample", "--model", "model.zip", "--out", "s.csv");
            Assert.NotEqual(0, exit);
            Assert.Contains("a plain autoencoder cannot sample", error);
        }

        static double Correlation(double[] x, double[] y)
        {
            double mx = x.Average(), my = y.Average();
            double sxy = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum(), sxx = x.Sum(a => (a - mx) * (a - mx)), syy = y.Sum(b => (b - my) * (b - my));
            return sxy / Math.Sqrt(sxx * syy);
        }
    }
}

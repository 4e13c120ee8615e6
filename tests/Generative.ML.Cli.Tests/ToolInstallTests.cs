using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Generative.ML.Cli.Tests
{
    /// <summary>
    /// Packing the tool builds gml again (and restores it for linux-x64): it runs alone, after the other classes, so
    /// that no test runs the gml.dll it rebuilds.
    /// </summary>
    [CollectionDefinition(nameof(ToolInstallTests), DisableParallelization = true)]
    public sealed class ToolInstallCollection;

    /// <summary>
    /// Slow: gml as users get it. The tool package is packed into a folder feed, `dotnet tool install` puts it in a
    /// folder of its own, and the `gml` command it gives trains and scores a CSV from another folder.
    /// </summary>
    [Trait("Category", "EndToEnd"), Trait("Speed", "Slow")]
    [Collection(nameof(ToolInstallTests))]
    public class ToolInstallTests : IDisposable
    {
        readonly string _dir = Directory.CreateTempSubdirectory("gml-tool-").FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        static (int Exit, string Output, string Error) Run(string workingDirectory, string file, params string[] args)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
            foreach (var a in args) start.ArgumentList.Add(a);
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error);
        }

        static string RepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Generative.ML.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException($"No Generative.ML.sln above {AppContext.BaseDirectory}.");
        }

        [Fact]
        public void DotnetToolInstallGivesAGmlCommandThatTrainsAndScores()
        {
            var version = $"1.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
            var feed = Path.Combine(_dir, "feed");
            var pack = Run(RepoRoot(), "dotnet", "pack", "tools/Cli", "-c", "Release", "-p:PackTool=true", $"-p:Version={version}", "-o", feed, "-v", "quiet", "-nologo");
            Assert.True(pack.Exit == 0, pack.Output + pack.Error);
            var tools = Path.Combine(_dir, "tools");
            var install = Run(_dir, "dotnet", "tool", "install", "Generative.ML.Cli", "--version", version, "--add-source", feed, "--tool-path", tools);
            Assert.True(install.Exit == 0, install.Output + install.Error);
            var gml = Path.Combine(tools, "gml");
            Assert.True(File.Exists(gml), string.Join(", ", Directory.GetFiles(tools)));

            var work = Path.Combine(_dir, "work");
            Directory.CreateDirectory(work);
            var random = new Random(4);
            File.WriteAllLines(Path.Combine(work, "rows.csv"), new[] { "a,b,c" }.Concat(Enumerable.Range(0, 300).Select(_ => {
                var t = random.NextDouble();
                return FormattableString.Invariant($"{t:F4},{2 * t:F4},{1 - t:F4}");
            })));
            var train = Run(work, gml, "train", "--data", "rows.csv", "--epochs", "5", "--json", "--out", "model.zip");
            Assert.True(train.Exit == 0, train.Error);
            Assert.Contains("\"command\":\"train\"", train.Output);
            var score = Run(work, gml, "score", "--model", "model.zip", "--data", "rows.csv", "--out", "scores.csv");
            Assert.True(score.Exit == 0, score.Error);
            Assert.Equal(301, File.ReadAllLines(Path.Combine(work, "scores.csv")).Length);
            var bad = Run(work, gml, "train", "--data", "rows.csv", "--contamination", "0.6", "--out", "x.zip");
            Assert.Equal(2, bad.Exit);
            Assert.StartsWith("error: --contamination", bad.Error);
        }
    }
}

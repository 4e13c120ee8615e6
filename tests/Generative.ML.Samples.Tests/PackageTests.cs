using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Generative.ML.Samples.Tests.Support;

namespace Generative.ML.Samples.Tests
{
    /// <summary>
    /// Slow: the packages as a user gets them. The solution is packed into a folder feed, and a fresh console app outside
    /// the repository references them by name (no project references, none of the repository's build files), with
    /// TorchSharp-cpu and ONNX Runtime. It fits VaeAnomalyScore and saves; a second process loads and scores the same
    /// rows. No patch step of the test's own runs in between: whatever the machine's libstdc++ needs, the package does.
    /// </summary>
    [Trait("Category", "EndToEnd"), Trait("Speed", "Slow")]
    public class PackageTests : IDisposable
    {
        readonly string _dir = Directory.CreateTempSubdirectory("gml-fresh-app-").FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);


        static string Run(string workingDirectory, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
            foreach (var a in args) start.ArgumentList.Add(a);
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} failed (exit {process.ExitCode}):\n{output.Result}\n{error}");
            return output.Result;
        }

        [Fact]
        public void AFreshAppReferencingThePackagesByNameFitsSavesAndLoadsInAnotherProcess()
        {
            // A version of its own, so that no earlier package of the same version in the NuGet cache stands in for this one.
            var version = $"1.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
            var feed = Path.Combine(_dir, "feed");
            Run(Repo.Root(), "pack", "Generative.ML.sln", "-c", "Release", "--no-build", "-v", "quiet", $"-p:Version={version}", $"-p:PackageOutputPath={feed}/");
            var packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).OrderBy(n => n).ToArray();
            Assert.Equal(new[] { "Generative.ML", "Generative.ML.Graphs", "Generative.ML.Training", "Generative.ML.Transformers" }.Select(p => $"{p}.{version}.nupkg"),
                         packages);

            var program = """
                using Generative.ML;
                using Microsoft.ML;
                using Microsoft.ML.Data;

                var ml = new MLContext(seed: 1);
                var random = new Random(3);
                var rows = Enumerable.Range(0, 600).Select(i => {
                    var t = (float)random.NextDouble();
                    var outlier = i % 50 == 0;
                    return new Row { Features = new[] { t, outlier ? 1 - t : t, t * t, (float)random.NextDouble() * 0.05f } };
                }).ToArray();
                var data = ml.Data.LoadFromEnumerable(rows);
                if (args[0] == "fit") {
                    var model = ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { Epochs = 15, Seed = 2 }).Fit(data);
                    ml.Model.Save(model, data.Schema, "model.zip");
                    Console.WriteLine(string.Join(",", model.Transform(data).GetColumn<float>("Score").Take(100).Select(s => s.ToString("R"))));
                } else {
                    var loaded = ml.Model.Load("model.zip", out _);
                    Console.WriteLine(string.Join(",", loaded.Transform(data).GetColumn<float>("Score").Take(100).Select(s => s.ToString("R"))));
                }

                sealed class Row
                {
                    [VectorType(4)]
                    public float[] Features { get; set; } = Array.Empty<float>();
                }
                """;
            var app = FreshApp("FreshApp", version, program);
            var dll = Path.Combine(app, "bin", "Release", "net10.0", "FreshApp.dll");
            var fitted = Run(app, dll, "fit").Trim();
            var loaded = Run(app, dll, "score").Trim();
            Assert.Equal(100, fitted.Split(',').Length);
            Assert.Equal(fitted, loaded);
            Assert.All(fitted.Split(','), s => Assert.True(float.IsFinite(float.Parse(s, System.Globalization.CultureInfo.InvariantCulture))));

            // The same app without TorchSharp-cpu: Fit says in one sentence what is missing, not TorchSharp's message.
            var bare = Path.Combine(_dir, "bare");
            Directory.CreateDirectory(bare);
            File.Copy(Path.Combine(app, "nuget.config"), Path.Combine(bare, "nuget.config"));
            File.WriteAllText(Path.Combine(bare, "FreshApp.csproj"),
                              File.ReadAllText(Path.Combine(app, "FreshApp.csproj")).Replace("<PackageReference Include=\"TorchSharp-cpu\" Version=\"0.107.0\" />", ""));
            File.WriteAllText(Path.Combine(bare, "Program.cs"), File.ReadAllText(Path.Combine(app, "Program.cs")).Replace(
                "var model = ml.Transforms.VaeAnomalyScore(", "try { ml.Transforms.VaeAnomalyScore(\"Score\", \"Features\", new VariationalAutoencoderOptions { Epochs = 1 }).Fit(data); } catch (Exception e) { Console.WriteLine($\"{e.GetType().Name}: {e.Message}\"); return; }\n    var model = ml.Transforms.VaeAnomalyScore("));
            Run(bare, "build", "-c", "Release", "-v", "quiet", "-nologo");
            var refused = Run(bare, Path.Combine(bare, "bin", "Release", "net10.0", "FreshApp.dll"), "fit").Trim();
            Assert.StartsWith("LibTorchUnavailableException: ", refused);
            Assert.Contains("reference TorchSharp-cpu", refused);
        }

        /// <summary>The solution packed into a folder feed under a test version of the README's; the version.</summary>
        string PackForReadme()
        {
            var props = File.ReadAllText(Path.Combine(Repo.Root(), "Directory.Build.props"));
            Assert.Contains($"<Version>{Readme.Version("Generative.ML")}</Version>", props); // the install line names the version we build
            var version = $"{Readme.Version("Generative.ML")}.test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
            Run(Repo.Root(), "pack", "Generative.ML.sln", "-c", "Release", "--no-build", "-v", "quiet", $"-p:Version={version}", $"-p:PackageOutputPath={Path.Combine(_dir, "feed")}/");
            return version;
        }

        /// <summary>A console app as `dotnet new console` makes one, referencing the packed packages at the README's versions; its folder.</summary>
        string FreshApp(string name, string version, string program)
        {
            var app = Path.Combine(_dir, name);
            Directory.CreateDirectory(app);
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{Path.Combine(_dir, "feed")}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(app, $"{name}.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Generative.ML" Version="{version}" />
                    <PackageReference Include="TorchSharp-cpu" Version="{Readme.Version("TorchSharp-cpu")}" />
                    <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="{Readme.Version("Microsoft.ML.OnnxRuntime")}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), program);
            Run(app, "build", "-c", "Release", "-v", "quiet", "-nologo");
            return app;
        }

        /// <summary>
        /// The README's quickstart as a newcomer uses it: its first C# block, unchanged, is the Program.cs of a fresh
        /// console app (as `dotnet new console` makes one) that references the packed packages at the README's versions.
        /// It builds, runs, and prints what the README says it prints, give or take the numbers.
        /// </summary>
        [Fact]
        public void TheReadmeQuickstartBuildsAndRunsAsPastedInAFreshApp()
        {
            var app = FreshApp("AnomalyApp", PackForReadme(), Readme.FirstCSharpBlock());
            var output = Run(app, Path.Combine(app, "bin", "Release", "net10.0", "AnomalyApp.dll"));
            Assert.Matches(@"^VAE \(VariationalAutoencoder\): 4 -> 2, hidden \[32, 16\], \d+ epochs / \d+ steps on \d+ rows", output);
            var auc = double.Parse(System.Text.RegularExpressions.Regex.Match(output, @"Test rows: AUC ([\d.]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(auc >= 0.95, output);
            Assert.Matches(@"Reloaded: flags \d+ of \d+ test rows, \d+ of the \d+ planted anomalies among them", output);
            Assert.True(File.Exists(Path.Combine(app, "model.zip")));
        }

        /// <summary>
        /// Every C# block in docs/ is either a whole program that builds in a fresh app against the packed packages, or
        /// says in its first line that it is a fragment.
        /// </summary>
        [Fact]
        public void EveryCSharpBlockInTheDocsBuildsOrSaysItIsAFragment()
        {
            var blocks = Directory.GetFiles(Path.Combine(Repo.Root(), "docs"), "*.md", SearchOption.AllDirectories)
                .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "```csharp\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline)
                    .Select((m, i) => (Name: $"{Path.GetFileNameWithoutExtension(f)}{i}", Code: m.Groups[1].Value)))
                .ToArray();
            Assert.NotEmpty(blocks);
            var whole = blocks.Where(b => !b.Code.StartsWith("// A fragment", StringComparison.Ordinal)).ToArray();
            Assert.NotEmpty(whole); // at least one block is checked by building it
            var version = PackForReadme();
            foreach (var (name, code) in whole) {
                var app = FreshApp("Doc" + new string(name.Where(char.IsLetterOrDigit).ToArray()), version, code);
                Assert.True(File.Exists(Path.Combine(app, "bin", "Release", "net10.0", Path.GetFileName(app) + ".dll")), name);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Microsoft.ML;

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>
    /// Cancellation the ML.NET way: <c>mlContext.CancelExecution()</c>, ML.NET's own switch, and the options' token stop
    /// a Fit before its next batch with OperationCanceledException, and cancelled fits leave native memory where it was.
    /// </summary>
    public class CancellationTests
    {
        [Fact]
        public void CancelExecutionStopsAFitBeforeItsNextBatch()
        {
            var ml = new MLContext(seed: 1);
            var reports = new List<TrainingProgress>();
            var options = Quick.Vae();
            options.Progress = new SynchronousProgress<TrainingProgress>(p => {
                reports.Add(p);
                if (p.Epoch == 2 && p.Batch == 3) ml.CancelExecution();
            });
            var e = Assert.ThrowsAny<OperationCanceledException>(() => ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(ml.Data.LoadFromEnumerable(Rows.Normal(400, 3))));
            Assert.Contains("CancelExecution", e.Message);
            Assert.Equal((2, 3), (reports[^1].Epoch, reports[^1].Batch));
        }

        [Fact]
        public void CancelExecutionStopsATableSynthesizerFit()
        {
            var ml = new MLContext(seed: 1);
            var rows = Enumerable.Range(0, 300).Select(i => new Mixed { Age = 20 + i % 50, City = i % 3 == 0 ? "Lyon" : "Porto" }).ToArray();
            var reports = new List<TrainingProgress>();
            var options = new TableSynthesizerOptions {
                Epochs = 50, Seed = 1, Threads = 1,
                Progress = new SynchronousProgress<TrainingProgress>(p => {
                    reports.Add(p);
                    if (p.Epoch == 2 && p.Batch == 1) ml.CancelExecution();
                }),
            };
            Assert.ThrowsAny<OperationCanceledException>(() => ml.Data.FitTableSynthesizer(ml.Data.LoadFromEnumerable(rows), options));
            Assert.Equal((2, 1), (reports[^1].Epoch, reports[^1].Batch));
        }

        sealed class Mixed
        {
            public float Age { get; set; }
            public string City { get; set; } = "";
        }

        [Fact]
        public void TenCancelledFitsLeaveResidentMemoryWhereItWas()
        {
            // In a process of its own: the other test classes' fits would move this one's memory.
            var line = ChildProcess.Run(ChildProcess.CancelledFits, "10").Trim().Split('\n')[^1];
            var values = line.Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => long.Parse(p[1]));
            Assert.Equal(10, values["stopped"]);
            var growth = (values["after"] - values["before"]) / (double)values["before"];
            Assert.True(growth < 0.05, $"Resident memory grew {100 * growth:F1}% ({values["before"] >> 20} MiB -> {values["after"] >> 20} MiB) over 10 cancelled fits.");
        }
    }
}

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>A process killed while it saves a table synthesizer over its file leaves a file that loads: the old one or the new one, whole.</summary>
    [Trait("Category", "EndToEnd")]
    [Trait("Speed", "Slow")]
    public class KilledSaveTests
    {
        [Fact]
        public void ASynthesizerSavedOverAndOverAndKilledLeavesAFileThatLoads()
        {
            var dir = System.IO.Directory.CreateTempSubdirectory("gml-killed-save-").FullName;
            try {
                var path = System.IO.Path.Combine(dir, "synthesizer.zip");
                var random = new Random(5);
                for (var round = 0; round < 3; round++) {
                    var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                    foreach (var a in new[] { typeof(ChildProcess).Assembly.Location, ChildProcess.SaveForever, path }) start.ArgumentList.Add(a);
                    using var child = System.Diagnostics.Process.Start(start)!;
                    Assert.Equal("saved", child.StandardOutput.ReadLine());
                    System.Threading.Thread.Sleep(random.Next(5, 200)); // dozens of saves in flight: the kill lands inside one
                    child.Kill(entireProcessTree: true);
                    child.WaitForExit();
                    using var loaded = Generative.ML.Transformers.Tables.TableSynthesizer.Load(path);
                    Assert.Equal(10, loaded.Generate(10, seed: round).RowCount);
                }
            } finally {
                System.IO.Directory.Delete(dir, recursive: true);
            }
        }
    }
}

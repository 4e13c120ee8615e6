using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Generative.ML.Fuzzing;

namespace Generative.ML.Bench
{
    /// <summary>
    /// ./build.sh bench fuzz: the fuzz tests' targets (tests/Shared/Fuzzing) with many more cases and another seed than
    /// the test suite's: cases run, refusals, failures told apart by what happened (each with the case that shows it), the
    /// slowest input and the most allocated, per target. A failure found here becomes a regression test.
    /// </summary>
    internal static class FuzzBenchmark
    {
        public static IReadOnlyList<FuzzReport> Run(string repo, long casesPerTarget, ulong seed, string? only, string outputFolder)
        {
            var folder = Directory.CreateTempSubdirectory("gml-fuzz-bench-").FullName;
            try {
                var targets = new FuzzTargets(folder).All.Where(t => only is null || t.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
                // The scoring service's request body, over HTTP to the built service (its default limits: 4 MiB, 10,000 rows).
                System.Diagnostics.Process? service = null;
                System.Net.Http.HttpClient? http = null;
                if (only is null || "service request body".Contains(only, StringComparison.OrdinalIgnoreCase)) {
                    var dll = Path.Combine(repo, "samples", "ScoringService", "bin", "Release", "net10.0", "ScoringService.dll");
                    (service, http) = SoakBenchmark.StartService(dll, SoakBenchmark.SavedModel(folder));
                    targets.Add(ServiceTarget.Body(http, ServiceTarget.SeedBody(50, SoakBenchmark.Features), 4L << 20));
                }
                using var _ = service;
                using var __ = http;
                var reports = new List<FuzzReport>();
                foreach (var target in targets) {
                    var report = Fuzzer.Run(target, casesPerTarget, seed, Console.WriteLine);
                    Console.WriteLine(report);
                    foreach (var f in report.Distinct) Console.WriteLine($"  FAILURE {f.Input}\n    -> {f.Outcome.Split('\n')[0]}");
                    reports.Add(report);
                }
                Directory.CreateDirectory(outputFolder);
                if (service is { HasExited: false }) service.Kill(entireProcessTree: true);
                File.WriteAllLines(Path.Combine(outputFolder, "fuzz.md"), new[] { $"# Fuzzing: {casesPerTarget} cases per target, seed {seed}", "" }
                    .Concat(reports.SelectMany(r => new[] { $"- {r}" }.Concat(r.Distinct.Select(f => $"  - failure: {f.Input} -> {f.Outcome.Split('\n')[0]}")))));
                return reports;
            } finally {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}

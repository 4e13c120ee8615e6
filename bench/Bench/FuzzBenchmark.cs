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
        public static IReadOnlyList<FuzzReport> Run(long casesPerTarget, ulong seed, string? only, string outputFolder)
        {
            var folder = Directory.CreateTempSubdirectory("gml-fuzz-bench-").FullName;
            try {
                var targets = new FuzzTargets(folder).All.Where(t => only is null || t.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
                var reports = new List<FuzzReport>();
                foreach (var target in targets) {
                    var report = Fuzzer.Run(target, casesPerTarget, seed, Console.WriteLine);
                    Console.WriteLine(report);
                    foreach (var f in report.Distinct) Console.WriteLine($"  FAILURE {f.Input}\n    -> {f.Outcome.Split('\n')[0]}");
                    reports.Add(report);
                }
                Directory.CreateDirectory(outputFolder);
                File.WriteAllLines(Path.Combine(outputFolder, "fuzz.md"), new[] { $"# Fuzzing: {casesPerTarget} cases per target, seed {seed}", "" }
                    .Concat(reports.SelectMany(r => new[] { $"- {r}" }.Concat(r.Distinct.Select(f => $"  - failure: {f.Input} -> {f.Outcome.Split('\n')[0]}")))));
                return reports;
            } finally {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}

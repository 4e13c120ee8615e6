using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;

namespace Generative.ML.Fuzzing
{
    /// <summary>
    /// A place where bytes from outside come in: how a case is drawn (a real seed, mutated), what the code does with it,
    /// and which exceptions are the typed refusals it promises. Anything else is a failure: another exception, a case
    /// slower than the limit, or more managed allocation than the limit.
    /// </summary>
    public sealed record FuzzTarget(string Name, Gen<(string Description, byte[] Bytes)> Cases, Action<byte[]> Run, Func<Exception, bool> Refusal)
    {
        /// <summary>The most managed memory one case may allocate.</summary>
        public long AllocationLimit { get; init; } = 512L << 20;

        /// <summary>The longest one case may take.</summary>
        public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(5);
    }

    /// <summary>One input that broke the promise: what it was, and what happened.</summary>
    public sealed record FuzzFailure(string Target, long Case, string Input, string Outcome);

    /// <summary>What a run of one target found.</summary>
    public sealed class FuzzReport
    {
        public string Target { get; init; } = "";
        public long Cases { get; set; }
        public long Accepted { get; set; }
        public long Refused { get; set; }
        public List<FuzzFailure> Failures { get; } = new();
        public (string Input, double Milliseconds) Slowest { get; set; }
        public long MostAllocatedBytes { get; set; }

        /// <summary>Failures told apart by what happened (the exception's type and first line), one example each.</summary>
        public IReadOnlyList<FuzzFailure> Distinct => Failures.GroupBy(f => f.Outcome.Split('\n')[0]).Select(g => g.First()).ToList();

        public override string ToString() =>
            $"{Target}: {Cases} cases, {Accepted} accepted, {Refused} refused with a typed error, {Failures.Count} failures " +
            $"({Distinct.Count} distinct); slowest {Slowest.Milliseconds:F0} ms ({Slowest.Input}); most allocated {MostAllocatedBytes / 1e6:F1} MB";
    }

    /// <summary>Runs a target's cases, each drawn from its own CsCheck generator state (seed + case number), so any case reproduces alone.</summary>
    public static class Fuzzer
    {
        static readonly bool Trace = Environment.GetEnvironmentVariable("FUZZ_TRACE") == "1";

        public static FuzzReport Run(FuzzTarget target, long cases, ulong seed, Action<string>? progress = null)
        {
            var report = new FuzzReport { Target = target.Name };
            var clock = Stopwatch.StartNew();
            var limit = target.TimeLimit;
            for (long i = 0; i < cases; i++) {
                var (input, bytes) = target.Cases.Generate(new PCG(1, seed + (ulong)i), null, out _);
                var description = $"case {i} (seed {seed + (ulong)i}): {input}";
                // A native crash takes the process with it: FUZZ_TRACE=1 names each case before it runs, so the last line names the crash.
                if (Trace) Console.Error.WriteLine($"{target.Name}: {description}");
                var watch = Stopwatch.StartNew();
                long allocated = 0;
                string? outcome = null;
                // On a thread of its own, so that a hang is seen (and left behind) instead of stopping the run.
                var run = Task.Factory.StartNew(() => {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    try {
                        target.Run(bytes);
                        return (string?)null;
                    } catch (Exception e) when (target.Refusal(e)) {
                        return "refused";
                    } catch (Exception e) {
                        return $"{e.GetType().FullName}: {e.Message}\n{e}";
                    } finally {
                        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                    }
                }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                if (!run.Wait(limit * 4)) {
                    outcome = $"hang: no answer after {(limit * 4).TotalSeconds:F0} s";
                } else {
                    outcome = run.Result;
                    if (outcome == "refused") { report.Refused++; outcome = null; } else if (outcome is null) report.Accepted++;
                    if (outcome is null && watch.Elapsed > limit) outcome = $"slow: {watch.Elapsed.TotalSeconds:F1} s";
                    if (outcome is null && allocated > target.AllocationLimit) outcome = $"allocation: {allocated / 1e6:F0} MB";
                }
                report.Cases++;
                if (watch.Elapsed.TotalMilliseconds > report.Slowest.Milliseconds) report.Slowest = (description, watch.Elapsed.TotalMilliseconds);
                report.MostAllocatedBytes = Math.Max(report.MostAllocatedBytes, allocated);
                if (outcome is not null) report.Failures.Add(new FuzzFailure(target.Name, i, description, outcome));
                if (progress is not null && (i + 1) % 500 == 0) progress($"{target.Name}: {i + 1}/{cases} cases, {report.Failures.Count} failures, {clock.Elapsed.TotalSeconds:F0} s");
            }
            return report;
        }

        /// <summary>The cases of a target whose input is one file's bytes: the seed, mutated once to three times.</summary>
        public static Gen<(string, byte[])> Mutated(byte[] seed) =>
            Mutation.Gen.Array[1, 3].Select(ms => (string.Join(", ", ms.Select(m => m.ToString())), ms.Aggregate(seed, (b, m) => m.Apply(b))));

        /// <summary>The cases of a target whose input is a zip: the seed zip, changed once or twice.</summary>
        public static Gen<(string, byte[])> MutatedZip(byte[] seed, string? focus = null) =>
            ZipMutation.Gen(focus).Array[1, 2].Select(ms => (string.Join(", ", ms.Select(m => m.ToString())), ms.Aggregate(seed, (b, m) => {
                try {
                    return m.Apply(b);
                } catch (Exception) {
                    return new Mutation.FlipBit(b.Length / 2, 3).Apply(b); // an earlier raw change left no zip to rewrite
                }
            })));
    }
}

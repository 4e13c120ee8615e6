using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Bench
{
    /// <summary>
    /// ./build.sh bench soak: long runs, measured. The scoring service under a steady closed-loop load (4 clients of
    /// 100-row requests) for some minutes: errors, its resident memory after the first minute against the end, p50/p99
    /// latency per minute. Then 10M rows scored in this process through LoadBatched (memory at 1M rows against the end),
    /// 20 default fits in this process (memory after the second against the twentieth), and fits on a busy machine: gml
    /// train beside two busy processes against its fair share, and two fits at once in one process against the pair one
    /// after the other.
    /// </summary>
    internal static class SoakBenchmark
    {
        const int Width = 16;

        public sealed record Minute(int Index, int Requests, int Errors, double P50, double P99, long ServiceRssBytes);

        public sealed record Result(
            IReadOnlyList<Minute> Minutes, double RequestsPerSecond, long ServiceRssAfterWarmUp, long ServiceRssAtEnd,
            long ScoringRows, double ScoringRowsPerSecond, long ScoringRssAt1M, long ScoringRssAtEnd,
            long FitsRssAfterSecond, long FitsRssAtEnd,
            double AloneSeconds, double BusySeconds, double FairShareSeconds, double SequentialPairSeconds, double ConcurrentPairSeconds);

        sealed class Row
        {
            [VectorType(Width)]
            public float[] Features { get; set; } = Array.Empty<float>();
        }

        /// <summary>Rows on a curve in 16 dimensions, with a little noise: what the benchmarks' model is trained on and scores.</summary>
        public static float[][] Rows(int count, int seed)
        {
            var r = new Random(seed);
            return Enumerable.Range(0, count).Select(_ => {
                var t = (float)r.NextDouble();
                return Enumerable.Range(0, Width).Select(j => (float)Math.Sin(t * (j + 1)) + 0.01f * (float)r.NextDouble()).ToArray();
            }).ToArray();
        }

        static long Rss(int pid)
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
            return 0;
        }

        static long OwnRss()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return Rss(Environment.ProcessId);
        }

        public static Result Run(string repo, string directory, double minutes, long scoringRows, int fits)
        {
            var zip = SavedModel(directory);
            var perMinute = Service(Path.Combine(repo, "samples", "ScoringService", "bin", "Release", "net10.0", "ScoringService.dll"), zip, minutes);
            var (rowsPerSecond, at1M, atEnd) = Scoring(zip, scoringRows);
            var (afterSecond, fitsEnd) = Fits(fits);
            var (alone, busy, fair) = BesideBusyProcesses(repo, directory);
            var (sequential, concurrent) = TwoFitsInOneProcess();
            return new Result(perMinute, perMinute.Sum(m => m.Requests) / (minutes * 60), perMinute[0].ServiceRssBytes, perMinute[^1].ServiceRssBytes,
                              scoringRows, rowsPerSecond, at1M, atEnd, afterSecond, fitsEnd, alone, busy, fair, sequential, concurrent);
        }

        /// <summary>samples/ScoringService started on a free loopback port with <paramref name="zip"/>, once it says it is ready.</summary>
        public static (Process Service, HttpClient Http) StartService(string dll, string zip)
        {
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0)) {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            var url = $"http://127.0.0.1:{port}";
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { dll, "--model", zip, "--urls", url, "--Logging:LogLevel:Default", "Warning" }) start.ArgumentList.Add(a);
            var service = Process.Start(start)!;
            service.OutputDataReceived += (_, _) => { };
            service.ErrorDataReceived += (_, _) => { };
            service.BeginOutputReadLine();
            service.BeginErrorReadLine();
            var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
            var ready = Stopwatch.StartNew();
            while (true) {
                try {
                    if (http.GetAsync("/health/ready").GetAwaiter().GetResult().IsSuccessStatusCode) return (service, http);
                } catch (HttpRequestException) { }
                if (service.HasExited || ready.Elapsed > TimeSpan.FromSeconds(60)) throw new InvalidOperationException("The scoring service did not start.");
                Thread.Sleep(200);
            }
        }

        /// <summary>A model of <see cref="Width"/> features saved where the service can load it.</summary>
        public static string SavedModel(string directory)
        {
            var ml = new MLContext(1);
            var train = ml.Data.LoadFromEnumerable(Rows(2000, 1).Select(f => new Row { Features = f }));
            using var model = ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { Epochs = 10, Seed = 1 }).Fit(train);
            var zip = Path.Combine(directory, "soak-model.zip");
            ml.Model.Save(model, train.Schema, zip);
            return zip;
        }

        public const int Features = Width;

        static List<Minute> Service(string dll, string zip, double minutes)
        {
            var (service, http) = StartService(dll, zip);
            using var _ = service;
            using var __ = http;
            try {
                var body = JsonSerializer.Serialize(new { rows = Rows(100, 2) });
                var count = (int)Math.Ceiling(minutes);
                var latencies = Enumerable.Range(0, count).Select(_ => new List<double>()).ToArray();
                var errors = new int[count];
                var clock = Stopwatch.StartNew();
                var end = TimeSpan.FromMinutes(minutes);
                var minuteRss = new long[count];
                using var sampler = new Timer(_ => {
                    var m = (int)clock.Elapsed.TotalMinutes - 1;
                    if (m >= 0 && m < count && minuteRss[m] == 0) minuteRss[m] = Rss(service.Id);
                }, null, 1000, 1000);
                Task.WaitAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () => {
                    while (clock.Elapsed < end) {
                        var one = Stopwatch.StartNew();
                        var minute = Math.Min(count - 1, (int)clock.Elapsed.TotalMinutes);
                        var ok = false;
                        try {
                            using var response = await http.PostAsync("/score", new StringContent(body, Encoding.UTF8, "application/json"));
                            await response.Content.ReadAsByteArrayAsync();
                            ok = response.StatusCode == HttpStatusCode.OK;
                        } catch (HttpRequestException) { }
                        lock (latencies[minute]) {
                            latencies[minute].Add(one.Elapsed.TotalMilliseconds);
                            if (!ok) errors[minute]++;
                        }
                    }
                })).ToArray());
                minuteRss[count - 1] = Rss(service.Id);
                var result = new List<Minute>();
                for (var m = 0; m < count; m++) {
                    var sorted = latencies[m].OrderBy(v => v).ToArray();
                    double P(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
                    result.Add(new Minute(m + 1, sorted.Length, errors[m], P(0.5), P(0.99), minuteRss[m]));
                    Console.WriteLine($"   minute {m + 1}: {sorted.Length} requests, {errors[m]} errors, p50 {P(0.5):F1} ms, p99 {P(0.99):F1} ms, service RSS {minuteRss[m] >> 20} MiB");
                }
                return result;
            } finally {
                if (!service.HasExited) service.Kill(entireProcessTree: true);
            }
        }

        /// <summary>Rows made as the cursor walks (nothing held), scored by a LoadBatched model a block at a time.</summary>
        static (double RowsPerSecond, long At1M, long AtEnd) Scoring(string zip, long rows)
        {
            var ml = new MLContext();
            using var model = (IDisposable)ml.Model.LoadBatched(zip, out _);
            var view = ml.Data.LoadFromEnumerable(Generated(rows), SchemaDefinition.Create(typeof(Row)));
            var scored = ((ITransformer)model).Transform(view);
            long at1M = 0, seen = 0;
            var clock = Stopwatch.StartNew();
            using (var cursor = scored.GetRowCursor(new[] { scored.Schema["Score"] })) {
                var score = cursor.GetGetter<float>(scored.Schema["Score"]);
                float s = 0;
                while (cursor.MoveNext()) {
                    score(ref s);
                    if (++seen == 1_000_000) at1M = OwnRss();
                    if (seen % 2_000_000 == 0) Console.WriteLine($"   scored {seen:N0} rows, RSS {Rss(Environment.ProcessId) >> 20} MiB");
                }
            }
            return (seen / clock.Elapsed.TotalSeconds, at1M, OwnRss());

            static IEnumerable<Row> Generated(long count)
            {
                var r = new Random(3);
                var row = new Row { Features = new float[Width] };
                for (long i = 0; i < count; i++) {
                    var t = (float)r.NextDouble();
                    for (var j = 0; j < Width; j++) row.Features[j] = (float)Math.Sin(t * (j + 1)) + 0.01f * (float)r.NextDouble();
                    yield return row;
                }
            }
        }

        static (long AfterSecond, long AtEnd) Fits(int fits)
        {
            var data = new MLContext(1).Data.LoadFromEnumerable(Rows(2000, 5).Select(f => new Row { Features = f }));
            long afterSecond = 0;
            for (var i = 0; i < fits; i++) {
                var ml = new MLContext(i);
                using (ml.Transforms.VaeAnomalyScore("Score", "Features").Fit(data)) { }
                if (i == 1) afterSecond = OwnRss();
                Console.WriteLine($"   fit {i + 1}: RSS {OwnRss() >> 20} MiB");
            }
            return (afterSecond, OwnRss());
        }

        /// <summary>
        /// gml train on data/tables/survey.csv alone, then beside two busy processes (a shell loop each) on this machine's
        /// cores. The fair share is the time alone scaled by the runnable threads per core: (busy processes + the fit's
        /// threads) / cores, which is what an even scheduler would give it.
        /// </summary>
        static (double Alone, double Busy, double Fair) BesideBusyProcesses(string repo, string directory)
        {
            var gml = Path.Combine(repo, "tools", "Cli", "bin", "Release", "net10.0", "gml.dll");
            var data = Path.Combine(repo, "data", "tables", "survey.csv");
            double Train()
            {
                var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var a in new[] { gml, "train", "--data", data, "--out", Path.Combine(directory, "busy.zip"), "--seed", "1" }) start.ArgumentList.Add(a);
                // As a user runs it: no OpenMP setting in its environment (the library sets its own).
                start.Environment.Remove("OMP_WAIT_POLICY");
                var clock = Stopwatch.StartNew();
                using var p = Process.Start(start)!;
                p.StandardOutput.ReadToEndAsync();
                p.StandardError.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode != 0) throw new InvalidOperationException("gml train failed in the busy-machine benchmark.");
                return clock.Elapsed.TotalSeconds;
            }
            var alone = Train();
            Console.WriteLine($"   gml train alone: {alone:F1} s");
            const int busyCount = 2;
            var busy = Enumerable.Range(0, busyCount).Select(_ => Process.Start(new ProcessStartInfo("/bin/sh", new[] { "-c", "while :; do :; done" }))!).ToArray();
            try {
                var beside = Train();
                var fair = alone * (busyCount + Environment.ProcessorCount) / Environment.ProcessorCount;
                Console.WriteLine($"   gml train beside {busyCount} busy processes: {beside:F1} s (fair share {fair:F1} s)");
                return (alone, beside, fair);
            } finally {
                foreach (var b in busy) {
                    b.Kill();
                    b.Dispose();
                }
            }
        }

        static (double Sequential, double Concurrent) TwoFitsInOneProcess()
        {
            var data = new MLContext(1).Data.LoadFromEnumerable(Rows(4000, 6).Select(f => new Row { Features = f }));
            void Fit(int seed)
            {
                var options = new VariationalAutoencoderOptions { Epochs = 30, Seed = seed };
                using (new MLContext(seed).Transforms.VaeAnomalyScore("Score", "Features", options).Fit(data)) { }
            }
            Fit(0); // warm-up
            var clock = Stopwatch.StartNew();
            Fit(1);
            Fit(2);
            var sequential = clock.Elapsed.TotalSeconds;
            clock.Restart();
            Task.WaitAll(Task.Run(() => Fit(1)), Task.Run(() => Fit(2)));
            var concurrent = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"   two fits one after the other: {sequential:F1} s; at once: {concurrent:F1} s");
            return (sequential, concurrent);
        }
    }
}

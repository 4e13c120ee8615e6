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
using System.Threading.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Bench
{
    /// <summary>
    /// A bounded load run against samples/ScoringService on the loopback: a fitted model saved, the service started on
    /// it, concurrent clients each sending a fixed number of requests, then it stops. Counts every request.
    /// </summary>
    internal static class ServiceBenchmark
    {
        public sealed record Result(int Requests, int Errors, double RowsPerSecond, double P50Ms, double P99Ms);

        public static Result Run(string serviceDll, string directory, int clients, int requestsPerClient, int rowsPerRequest)
        {
            // The soak benchmark's model and start-up: the same 16-feature VAE, the service ready on a free loopback port.
            var (service, http) = SoakBenchmark.StartService(serviceDll, SoakBenchmark.SavedModel(directory));
            using var _ = service;
            using var __ = http;
            try {
                var body = JsonSerializer.Serialize(new { rows = SoakBenchmark.Rows(rowsPerRequest, 2) });
                var latencies = new List<double>[clients];
                var errors = 0;
                var clock = Stopwatch.StartNew();
                Task.WaitAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () => {
                    latencies[c] = new List<double>();
                    for (var i = 0; i < requestsPerClient; i++) {
                        var one = Stopwatch.StartNew();
                        using var response = await http.PostAsync("/score", new StringContent(body, Encoding.UTF8, "application/json"));
                        await response.Content.ReadAsByteArrayAsync();
                        latencies[c].Add(one.Elapsed.TotalMilliseconds);
                        if (response.StatusCode != HttpStatusCode.OK) System.Threading.Interlocked.Increment(ref errors);
                    }
                })).ToArray());
                var seconds = clock.Elapsed.TotalSeconds;
                var all = latencies.SelectMany(l => l).OrderBy(v => v).ToArray();
                double Percentile(double p) => all[Math.Clamp((int)Math.Ceiling(p * all.Length) - 1, 0, all.Length - 1)];
                return new Result(all.Length, errors, all.Length * (double)rowsPerRequest / seconds, Percentile(0.5), Percentile(0.99));
            } finally {
                if (!service.HasExited) service.Kill(entireProcessTree: true);
            }
        }
    }
}

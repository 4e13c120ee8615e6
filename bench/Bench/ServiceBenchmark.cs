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
        const int Width = 16;

        sealed class Row
        {
            [VectorType(Width)]
            public float[] Features { get; set; } = Array.Empty<float>();
        }

        static float[][] Rows(int count, int seed)
        {
            var r = new Random(seed);
            return Enumerable.Range(0, count).Select(_ => {
                var t = (float)r.NextDouble();
                return Enumerable.Range(0, Width).Select(j => (float)Math.Sin(t * (j + 1)) + 0.01f * (float)r.NextDouble()).ToArray();
            }).ToArray();
        }

        public sealed record Result(int Requests, int Errors, double RowsPerSecond, double P50Ms, double P99Ms);

        public static Result Run(string serviceDll, string directory, int clients, int requestsPerClient, int rowsPerRequest)
        {
            var ml = new MLContext(1);
            var train = ml.Data.LoadFromEnumerable(Rows(2000, 1).Select(f => new Row { Features = f }));
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { Epochs = 10, Seed = 1 }).Fit(train);
            var zip = Path.Combine(directory, "service-model.zip");
            ml.Model.Save(model, train.Schema, zip);
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0)) {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            var url = $"http://127.0.0.1:{port}";
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { serviceDll, "--model", zip, "--urls", url, "--Logging:LogLevel:Default", "Warning" }) start.ArgumentList.Add(a);
            using var service = Process.Start(start)!;
            service.BeginOutputReadLine();
            service.BeginErrorReadLine();
            try {
                using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
                var ready = Stopwatch.StartNew();
                while (!Healthy(http)) {
                    if (service.HasExited || ready.Elapsed > TimeSpan.FromSeconds(60)) throw new InvalidOperationException("The scoring service did not start.");
                    System.Threading.Thread.Sleep(200);
                }
                var body = JsonSerializer.Serialize(new { rows = Rows(rowsPerRequest, 2) });
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

        static bool Healthy(HttpClient http)
        {
            try {
                return http.GetAsync("/health").GetAwaiter().GetResult().IsSuccessStatusCode;
            } catch (HttpRequestException) {
                return false;
            }
        }
    }
}

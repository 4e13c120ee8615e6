using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Generative.ML;
using Generative.ML.Samples.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Samples.Tests
{
    /// <summary>
    /// samples/ScoringService as it is deployed: started as its own process on a loopback port with a saved model, and
    /// sent real HTTP requests, concurrent ones and malformed ones.
    /// </summary>
    [Trait("Category", "EndToEnd")]
    public sealed class ScoringServiceTests : IDisposable
    {
        const int Width = 4;
        readonly string _dir = Directory.CreateTempSubdirectory("gml-service-").FullName;
        Process? _service;

        public void Dispose()
        {
            if (_service is { HasExited: false }) _service.Kill(entireProcessTree: true);
            _service?.Dispose();
            Directory.Delete(_dir, recursive: true);
        }

        sealed class Row
        {
            [VectorType(Width)]
            public float[] Features { get; set; } = Array.Empty<float>();
        }

        static float[][] Rows(int count, int seed)
        {
            var r = new Random(seed);
            return Enumerable.Range(0, count).Select(i => {
                var t = (float)r.NextDouble();
                return new[] { t, 2 * t, 1 - t, (float)r.NextDouble() * 0.05f };
            }).ToArray();
        }


        static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        readonly StringBuilder _errors = new();

        /// <summary>Starts the built service on a free loopback port, in <see cref="_dir"/> (so a relative --model is the test's), and waits until it is ready.</summary>
        async Task<HttpClient> StartService(params string[] options)
        {
            var dll = Path.Combine(Repo.Root(), "samples", "ScoringService", "bin", "Release", "net10.0", "ScoringService.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: build the solution in Release first.");
            var url = $"http://127.0.0.1:{FreePort()}";
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
            foreach (var a in new[] { dll, "--urls", url, "--Logging:LogLevel:Default", "Warning" }.Concat(options)) start.ArgumentList.Add(a);
            _service = Process.Start(start)!;
            _service.OutputDataReceived += (_, e) => { lock (_errors) _errors.AppendLine(e.Data); };
            _service.BeginOutputReadLine();
            _service.ErrorDataReceived += (_, e) => { lock (_errors) _errors.AppendLine(e.Data); };
            _service.BeginErrorReadLine();
            var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
            var ready = Stopwatch.StartNew();
            while (true) {
                Assert.False(_service.HasExited, $"The service exited: {_errors}");
                try {
                    if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return http;
                } catch (HttpRequestException) { }
                Assert.True(ready.Elapsed < TimeSpan.FromSeconds(60), $"The service did not start within a minute: {_errors}");
                await Task.Delay(200);
            }
        }

        [Fact]
        public async Task TheServiceScoresJsonRowsLikeTheModelAndRefusesBadBodiesWithTheReason()
        {
            var ml = new MLContext(1);
            var train = ml.Data.LoadFromEnumerable(Rows(400, 1).Select(f => new Row { Features = f }));
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { Epochs = 10, Seed = 1 }).Fit(train);
            ml.Model.Save(model, train.Schema, Path.Combine(_dir, "model.zip"));
            // A relative path, resolved against the folder the service was started in.
            using var http = await StartService("--model", "model.zip", "--max-rows", "100", "--max-body-bytes", "20000");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
            var readiness = JsonDocument.Parse(await http.GetStringAsync("/health/ready")).RootElement;
            Assert.Equal(Width, readiness.GetProperty("width").GetInt32());

            // Scores as the model in this process gives them, labels, and the top three contributions in order.
            var rows = Rows(20, 2).Append(new[] { 0.5f, -3f, 0.5f, 0.01f }).ToArray();
            var expected = model.Transform(ml.Data.LoadFromEnumerable(rows.Select(f => new Row { Features = f }))).GetColumn<float>("Score").ToArray();
            var response = await http.PostAsync("/score", Json(new { rows }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("results").EnumerateArray().ToArray();
            Assert.Equal(rows.Length, results.Length);
            for (var i = 0; i < rows.Length; i++) {
                Assert.Equal(expected[i], results[i].GetProperty("score").GetSingle(), 4);
                var top = results[i].GetProperty("top").EnumerateArray().Select(t => t.GetProperty("contribution").GetSingle()).ToArray();
                Assert.Equal(3, top.Length);
                Assert.Equal(top.OrderByDescending(c => c), top);
            }
            Assert.True(results[^1].GetProperty("label").GetBoolean(), "the off-pattern row is flagged");
            Assert.Equal(1, results[^1].GetProperty("top")[0].GetProperty("feature").GetInt32()); // the feature that broke the pattern

            // Concurrent clients: pooled engines, every answer right.
            var concurrent = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => http.PostAsync("/score", Json(new { rows }))));
            Assert.All(concurrent, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

            // Bad bodies: a clear 400 with the reason each, and the service keeps serving.
            async Task<string> Refused(HttpContent body, HttpStatusCode status = HttpStatusCode.BadRequest)
            {
                var r = await http.PostAsync("/score", body);
                Assert.Equal(status, r.StatusCode);
                var reason = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;
                Assert.False(string.IsNullOrWhiteSpace(reason));
                return reason;
            }
            Assert.Contains("not the JSON", await Refused(new StringContent("{\"rows\": [[1, 2", Encoding.UTF8, "application/json")));
            Assert.Contains("$.rows[0][1]", await Refused(new StringContent("{\"rows\": [[1, \"two\", 3, 4]]}", Encoding.UTF8, "application/json")));
            Assert.Contains("Row 1 has 3 values; the model takes 4", await Refused(Json(new { rows = new[] { new[] { 1f, 2, 3, 4 }, new[] { 1f, 2, 3 } } })));
            Assert.Contains("non-empty", await Refused(Json(new { rows = Array.Empty<float[]>() })));
            Assert.Contains("not the JSON", await Refused(new StringContent("{\"rows\": " + new string('[', 100) + new string(']', 100) + "}", Encoding.UTF8, "application/json")));
            // Too many rows, or too many bytes: 413 with the limit.
            Assert.Contains("at most 100", await Refused(Json(new { rows = Rows(101, 3) }), HttpStatusCode.RequestEntityTooLarge));
            Assert.Contains("20000", await Refused(new StringContent("{\"rows\": [[" + string.Join(",", Enumerable.Repeat("1.5", 10_000)) + "]]}", Encoding.UTF8, "application/json"),
                                                    HttpStatusCode.RequestEntityTooLarge));
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/score", Json(new { rows }))).StatusCode);

            // Mutated bodies (CsCheck-drawn, a fixed seed): each answered with 200 or a 4xx with its reason, none with a 5xx.
            var report = Generative.ML.Fuzzing.Fuzzer.Run(Generative.ML.Fuzzing.ServiceTarget.Body(http, Generative.ML.Fuzzing.ServiceTarget.SeedBody(20, Width), 20000), 300, 20261206);
            Assert.True(report.Failures.Count == 0, $"{report}\n" + string.Join("\n", report.Distinct.Select(f => $"{f.Input}\n  -> {f.Outcome}")));
            Assert.True(report.Refused > 0 && report.Accepted > 0, report.ToString());
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/score", Json(new { rows }))).StatusCode);
        }

        /// <summary>A model as gml saves it: named number columns concatenated in the pipeline, and an Int64 sampling-seed column.</summary>
        sealed class NamedRow
        {
            public float A { get; set; }
            public float B { get; set; }
            public float C { get; set; }
            public float D { get; set; }
            public long Seed { get; set; }
        }

        [Fact]
        public async Task AModelOverNamedColumnsWithASeedColumnIsServedToo()
        {
            var ml = new MLContext(1);
            var named = Rows(400, 1).Select(f => new NamedRow { A = f[0], B = f[1], C = f[2], D = f[3] }).ToArray();
            var train = ml.Data.LoadFromEnumerable(named);
            var model = ml.Transforms.Concatenate("Features", "A", "B", "C", "D")
                .Append(ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { Epochs = 5, Seed = 1 })).Fit(train);
            ml.Model.Save(model, train.Schema, Path.Combine(_dir, "named.zip"));
            using var http = await StartService("--model", Path.Combine(_dir, "named.zip"));
            var readiness = JsonDocument.Parse(await http.GetStringAsync("/health/ready")).RootElement;
            Assert.Equal(new[] { "A", "B", "C", "D" }, readiness.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
            var rows = Rows(10, 2);
            var expected = model.Transform(ml.Data.LoadFromEnumerable(rows.Select(f => new NamedRow { A = f[0], B = f[1], C = f[2], D = f[3] }))).GetColumn<float>("Score").ToArray();
            var response = await http.PostAsync("/score", Json(new { rows }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var scores = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("results").EnumerateArray()
                .Select(r => r.GetProperty("score").GetSingle()).ToArray();
            Assert.Equal(expected.Length, scores.Length);
            for (var i = 0; i < scores.Length; i++) Assert.Equal(expected[i], scores[i], 4);
        }

        [Fact]
        public async Task SigtermDuringALoadRunLosesNoAcceptedRequest()
        {
            var ml = new MLContext(1);
            var train = ml.Data.LoadFromEnumerable(Rows(400, 1).Select(f => new Row { Features = f }));
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { Epochs = 5, Seed = 1 }).Fit(train);
            ml.Model.Save(model, train.Schema, Path.Combine(_dir, "model.zip"));
            using var http = await StartService("--model", "model.zip", "--drain-seconds", "2");
            var body = JsonSerializer.Serialize(new { rows = Rows(500, 4) });
            int answered = 0, refused = 0, lost = 0, draining = 0;
            var lostReasons = new System.Collections.Concurrent.ConcurrentBag<string>();
            // A load balancer's view: it stops sending once readiness says 503 (the service keeps serving for its drain time).
            var watcher = Task.Run(async () => {
                using var probe = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
                while (true) {
                    try {
                        if ((await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable) {
                            System.Threading.Volatile.Write(ref draining, 1);
                            return;
                        }
                    } catch (HttpRequestException) {
                        System.Threading.Volatile.Write(ref draining, 2); // gone without saying it was stopping
                        return;
                    }
                    await Task.Delay(50);
                }
            });
            var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () => {
                while (System.Threading.Volatile.Read(ref draining) == 0) {
                    // A connection per request: a request is either refused at the door or accepted and answered.
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/score") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                    request.Headers.ConnectionClose = true;
                    try {
                        using var response = await http.SendAsync(request);
                        await response.Content.ReadAsByteArrayAsync();
                        if (response.StatusCode == HttpStatusCode.OK) System.Threading.Interlocked.Increment(ref answered);
                        else { System.Threading.Interlocked.Increment(ref lost); lostReasons.Add($"status {response.StatusCode}"); }
                    } catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }) {
                        System.Threading.Interlocked.Increment(ref refused);
                        return;
                    } catch (HttpRequestException e) {
                        System.Threading.Interlocked.Increment(ref lost);
                        lostReasons.Add(e.Message);
                        return;
                    }
                }
            })).ToArray();
            await Task.Delay(1500);
            var before = answered;
            using (var kill = Process.Start("kill", new[] { "-TERM", _service!.Id.ToString() })) await kill.WaitForExitAsync();
            Assert.True(await Task.WhenAll(clients.Append(watcher)).WaitAsync(TimeSpan.FromSeconds(60)).ContinueWith(t => t.IsCompletedSuccessfully), "The clients did not stop after SIGTERM.");
            Assert.True(_service.WaitForExit(30_000), "The service did not exit after SIGTERM.");
            Assert.True(before > 0, "No request was answered before SIGTERM.");
            Assert.True(draining == 1, "Readiness never answered 503 while the service drained.");
            Assert.True(lost == 0, $"{lost} accepted requests were lost: {string.Join("; ", lostReasons)} ({answered} answered, {refused} refused after shutdown began).");
            Assert.Equal(0, _service.ExitCode);
        }

        static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
    }
}

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

        [Fact]
        public async Task TheServiceScoresJsonRowsLikeTheModelAndRefusesBadBodiesWith400()
        {
            var ml = new MLContext(1);
            var train = ml.Data.LoadFromEnumerable(Rows(400, 1).Select(f => new Row { Features = f }));
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { Epochs = 10, Seed = 1 }).Fit(train);
            var zip = Path.Combine(_dir, "model.zip");
            ml.Model.Save(model, train.Schema, zip);

            var dll = Path.Combine(Repo.Root(), "samples", "ScoringService", "bin", "Release", "net10.0", "ScoringService.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: build the solution in Release first.");
            var url = $"http://127.0.0.1:{FreePort()}";
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { dll, "--model", zip, "--urls", url }) start.ArgumentList.Add(a);
            _service = Process.Start(start)!;
            _service.OutputDataReceived += (_, _) => { };
            _service.BeginOutputReadLine();
            var errors = new StringBuilder();
            _service.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
            _service.BeginErrorReadLine();

            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
            var ready = Stopwatch.StartNew();
            while (true) {
                Assert.False(_service.HasExited, $"The service exited: {errors}");
                try {
                    if ((await http.GetAsync("/health")).IsSuccessStatusCode) break;
                } catch (HttpRequestException) { }
                Assert.True(ready.Elapsed < TimeSpan.FromSeconds(60), $"The service did not start within a minute: {errors}");
                await Task.Delay(200);
            }

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

            // Bad bodies: a clear 400 each, and the service keeps serving.
            async Task<string> Refused(HttpContent body)
            {
                var r = await http.PostAsync("/score", body);
                Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
                return await r.Content.ReadAsStringAsync();
            }
            await Refused(new StringContent("{\"rows\": [[1, 2", Encoding.UTF8, "application/json"));
            await Refused(new StringContent("{\"rows\": [[1, \"two\", 3, 4]]}", Encoding.UTF8, "application/json"));
            Assert.Contains("Row 1 has 3 values; the model takes 4", await Refused(Json(new { rows = new[] { new[] { 1f, 2, 3, 4 }, new[] { 1f, 2, 3 } } })));
            Assert.Contains("non-empty", await Refused(Json(new { rows = Array.Empty<float[]>() })));
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/score", Json(new { rows }))).StatusCode);
        }

        static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
    }
}

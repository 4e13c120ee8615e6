using System;
using System.Net;
using System.Net.Http;
using System.Text;

namespace Generative.ML.Fuzzing
{
    /// <summary>
    /// The scoring service's request body: mutations of a real body POSTed to /score. Every one must be answered, with a
    /// 200 or a 4xx (400 with the reason, 413 past a limit): a 5xx, a dropped connection or no answer is a failure. The
    /// one exception is a body past the service's size limit: the service answers 413 without reading the rest and
    /// closes the connection (HTTP allows it), so a client still sending may see the connection close instead.
    /// </summary>
    public static class ServiceTarget
    {
        /// <summary>A refusal the service promises: a 4xx with a JSON reason.</summary>
        public sealed class Refused(HttpStatusCode status) : Exception($"refused with {(int)status}");

        public static FuzzTarget Body(HttpClient http, byte[] seedBody, long maxBodyBytes) => new("service request body", Fuzzer.Mutated(seedBody), bytes => {
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            HttpResponseMessage response;
            try {
                response = http.PostAsync("/score", content).GetAwaiter().GetResult();
            } catch (HttpRequestException) when (bytes.Length > maxBodyBytes) {
                throw new Refused(HttpStatusCode.RequestEntityTooLarge);
            }
            using var _ = response;
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            if (status is >= 400 and < 500) {
                if (!text.Contains("\"error\"", StringComparison.Ordinal)) throw new InvalidOperationException($"{status} without a reason: '{text}'");
                throw new Refused(response.StatusCode);
            }
            if (status != 200) throw new InvalidOperationException($"answered {status}: {text}");
        }, e => e is Refused);

        /// <summary>A body the service scores: <paramref name="rows"/> rows of <paramref name="width"/> numbers.</summary>
        public static byte[] SeedBody(int rows, int width)
        {
            var random = new Random(11);
            var text = new StringBuilder("{\"rows\": [");
            for (var i = 0; i < rows; i++) {
                text.Append(i == 0 ? "[" : ", [");
                for (var j = 0; j < width; j++) text.Append(j == 0 ? "" : ", ").Append((random.NextDouble() * 4 - 2).ToString("F4", System.Globalization.CultureInfo.InvariantCulture));
                text.Append(']');
            }
            return Encoding.UTF8.GetBytes(text.Append("]}").ToString());
        }
    }
}

using System.Threading.Tasks;
using Generative.ML.Estimators.Tests.Support;
using Microsoft.ML;

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>
    /// A server training per tenant: two VaeAnomalyScore fits at the same time in one process give exactly the ONNX
    /// bytes each gives alone (the failure this guards against: both drew from torch's one global generator).
    /// </summary>
    public class ConcurrentFitTests
    {
        static byte[] Fit(int seed)
        {
            var ml = new MLContext(seed: 1);
            var options = Quick.Vae(seed);
            options.Epochs = 10;
            options.Threads = null; // as most users leave it
            return ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(ml.Data.LoadFromEnumerable(Rows.Normal(3000, 5))).OnnxModel;
        }

        [Fact]
        public async Task Two_fits_at_once_export_the_bytes_each_exports_alone()
        {
            var alone = (Fit(1), Fit(2));
            Assert.NotEqual(alone.Item1, alone.Item2);
            for (var trial = 0; trial < 2; trial++) {
                var together = await Task.WhenAll(Task.Run(() => Fit(1)), Task.Run(() => Fit(2)));
                Assert.Equal(alone.Item1, together[0]);
                Assert.Equal(alone.Item2, together[1]);
            }
        }
    }
}

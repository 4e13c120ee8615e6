using System;
using System.Linq;
using Generative.ML.Training.Networks;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Networks
{
    public class CodeDistributionTests
    {
        [Fact]
        public void One_component_is_the_standard_normal()
        {
            var prior = new CodeDistribution(3);
            manual_seed(1);
            using var z = prior.Draw(20000);
            Assert.Equal(new long[] { 20000, 3 }, z.shape);
            var v = z.data<float>().ToArray();
            for (var j = 0; j < 3; j++) {
                var column = v.Where((_, i) => i % 3 == j).ToArray();
                var mean = column.Average();
                var sd = Math.Sqrt(column.Average(c => (c - mean) * (c - mean)));
                Assert.InRange(mean, -0.03, 0.03);
                Assert.InRange(sd, 0.97, 1.03);
            }
        }

        [Fact]
        public void A_mixture_draws_each_component_equally_around_centres_on_a_circle()
        {
            const int k = 8, latent = 3, n = 40000;
            var prior = new CodeDistribution(latent, k);
            // Neighbouring centres are 4 standard deviations apart.
            var gap = 2 * CodeDistribution.Radius * Math.Sin(Math.PI / k);
            Assert.Equal(gap / 4, prior.ComponentStd, 12);
            for (var c = 0; c < k; c++) {
                var centre = prior.Centres.AsSpan(c * latent, latent).ToArray();
                Assert.Equal(CodeDistribution.Radius, Math.Sqrt(centre[0] * centre[0] + centre[1] * centre[1]), 5);
                Assert.Equal(0f, centre[2]);
            }
            manual_seed(2);
            using var z = prior.Draw(n);
            var v = z.data<float>().ToArray();
            var counts = new int[k];
            var squared = 0.0;
            for (var i = 0; i < n; i++) {
                var row = v.AsSpan(i * latent, latent).ToArray();
                var nearest = Enumerable.Range(0, k).MinBy(c => Distance(row, prior.Centres.AsSpan(c * latent, latent).ToArray()));
                counts[nearest]++;
                squared += Math.Pow(Distance(row, prior.Centres.AsSpan(nearest * latent, latent).ToArray()), 2);
            }
            Assert.All(counts, c => Assert.InRange(c, n / k - 5 * Math.Sqrt(n / k), n / k + 5 * Math.Sqrt(n / k)));
            // The spread around the nearest centre: the component's sd in each of the 3 dimensions (nearest-centre
            // assignment trims the tails slightly, so allow a few percent).
            var sd = Math.Sqrt(squared / n / latent);
            Assert.InRange(sd, 0.95 * prior.ComponentStd, 1.02 * prior.ComponentStd);
        }

        [Fact]
        public void Bad_settings_are_refused_by_name()
        {
            Assert.Equal("components", Assert.Throws<ArgumentOutOfRangeException>(() => new CodeDistribution(4, 0)).ParamName);
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CodeDistribution(1, 8));
            Assert.Equal("components", e.ParamName);
            Assert.Contains("latent size", e.Message);
            Assert.Equal("latentSize", Assert.Throws<ArgumentOutOfRangeException>(() => new CodeDistribution(0)).ParamName);
        }

        static double Distance(float[] a, float[] b) => Math.Sqrt(a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Sum());
    }
}

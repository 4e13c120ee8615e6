using System;
using System.Linq;
using Generative.ML.Training.Objectives;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Objectives
{
    public class NeighbourhoodTests
    {
        [Fact]
        public void Each_rows_neighbour_distribution_has_the_asked_perplexity_and_p_is_symmetric_and_sums_to_one()
        {
            using var x = randn(new long[] { 40, 5 }, generator: new TorchSharp.torch.Generator(3));
            using var p = Neighbourhood.Affinities(x, perplexity: 8);
            var n = 40;
            var joint = p.to_type(float64).data<double>().ToArray();
            Assert.Equal(1.0, joint.Sum(), 5);
            for (var i = 0; i < n; i++) {
                Assert.Equal(0.0, joint[i * n + i]);
                for (var j = 0; j < n; j++) Assert.Equal(joint[i * n + j], joint[j * n + i], 9);
            }
            // The conditional p_j|i, recomputed in float64 from the distances with the beta the perplexity fixes, is what
            // symmetrised P is made of: check the perplexity itself on each row's conditional by bisection here.
            var rows = x.to_type(float64).data<double>().ToArray();
            for (var i = 0; i < n; i++) {
                var d2 = Enumerable.Range(0, n).Select(j => Enumerable.Range(0, 5).Sum(c => Math.Pow(rows[i * 5 + c] - rows[j * 5 + c], 2))).ToArray();
                double Entropy(double beta)
                {
                    var w = d2.Select((d, j) => j == i ? 0 : Math.Exp(-beta * (d - d2.Where((_, k) => k != i).Min()))).ToArray();
                    var s = w.Sum();
                    return -w.Where(v => v > 0).Sum(v => v / s * Math.Log(v / s));
                }
                // Entropy falls as beta grows: the beta with entropy log 8 exists and is unique.
                double lo = 1e-6, hi = 1e6;
                for (var k = 0; k < 200; k++) {
                    var mid = Math.Sqrt(lo * hi);
                    if (Entropy(mid) > Math.Log(8)) lo = mid; else hi = mid;
                }
                Assert.Equal(Math.Log(8), Entropy(lo), 6);
            }
        }

        [Fact]
        public void The_affinities_of_three_rows_on_a_line_match_the_closed_form()
        {
            // Rows at 0, 1 and 3 with perplexity 1 (capped at (n - 1) / 3 < 1, so 1): each conditional is one-hot on the
            // nearest other row in the limit of a wide beta search. Row 0 -> 1, row 1 -> 0, row 2 -> 1; P = (C + C^T) / 6.
            using var x = tensor(new float[] { 0, 1, 3 }, 3, 1);
            using var p = Neighbourhood.Affinities(x, perplexity: 1);
            var v = p.data<float>().ToArray();
            var expected = new double[] { 0, 2, 0, 2, 0, 1, 0, 1, 0 }.Select(e => e / 6).ToArray();
            for (var i = 0; i < 9; i++) Assert.Equal(expected[i], v[i], 4);
        }

        [Fact]
        public void The_divergence_and_its_gradient_match_t_snes_closed_forms()
        {
            var pValues = new double[] { 0, 0.2, 0.1, 0.05, 0.2, 0, 0.1, 0.05, 0.1, 0.1, 0, 0, 0.05, 0.05, 0, 0 };
            // Symmetric and summing to one, as Affinities gives.
            using var p = tensor(pValues.Select(v => (float)v).ToArray(), 4, 4);
            var yValues = new double[] { 0, 0, 1, 0.5, -0.5, 2, 3, -1 };
            using var y = tensor(yValues.Select(v => (float)v).ToArray(), 4, 2).requires_grad_();
            using var kl = Neighbourhood.StudentTDivergence(p, y);
            kl.backward();

            double Kernel(int i, int j) => 1 / (1 + Math.Pow(yValues[2 * i] - yValues[2 * j], 2) + Math.Pow(yValues[2 * i + 1] - yValues[2 * j + 1], 2));
            var z = 0.0;
            for (var i = 0; i < 4; i++) for (var j = 0; j < 4; j++) if (i != j) z += Kernel(i, j);
            double Q(int i, int j) => Kernel(i, j) / z;
            var expected = 0.0;
            for (var i = 0; i < 4; i++) for (var j = 0; j < 4; j++) if (pValues[4 * i + j] > 0) expected += pValues[4 * i + j] * Math.Log(pValues[4 * i + j] / Q(i, j));
            Assert.Equal(expected, kl.item<float>(), 5);

            // dKL/dy_i = 4 sum_j (p_ij - q_ij)(y_i - y_j) / (1 + |y_i - y_j|^2).
            var gradient = y.grad!.data<float>().ToArray();
            for (var i = 0; i < 4; i++)
                for (var c = 0; c < 2; c++) {
                    var g = 0.0;
                    for (var j = 0; j < 4; j++)
                        if (j != i) g += 4 * (pValues[4 * i + j] - Q(i, j)) * (yValues[2 * i + c] - yValues[2 * j + c]) * Kernel(i, j);
                    Assert.Equal(g, gradient[2 * i + c], 5);
                }
        }
    }
}

using System.Linq;
using Generative.ML.Graphs;

namespace Generative.ML.Transformers.Tests.Graphs
{
    public class QuantilesTests
    {
        [Fact]
        public void Position_reads_the_knots_backwards_interpolating_and_giving_a_tied_run_its_middle()
        {
            // Five knots at levels 0, 0.25, 0.5, 0.75, 1.
            var knots = new double[] { 0, 1, 2, 2, 4 };
            Assert.Equal(0, Quantiles.Position(knots, -1));
            Assert.Equal(1, Quantiles.Position(knots, 9));
            Assert.Equal(0.5 / 4, Quantiles.Position(knots, 0.5), 12); // halfway between levels 0 and 0.25
            Assert.Equal(2.5 / 4, Quantiles.Position(knots, 2), 12); // knots 2 and 3 are equal: the middle of their levels
            Assert.Equal(3.5 / 4, Quantiles.Position(knots, 3), 12); // halfway between knots 3 and 4
            // On strictly increasing knots it undoes Of.
            var sorted = Enumerable.Range(0, 50).Select(i => i * i / 7.0).ToArray();
            var rising = Quantiles.Knots(sorted);
            foreach (var q in new[] { 0.013, 0.25, 0.5, 0.987 })
                Assert.Equal(q, Quantiles.Position(rising, Quantiles.Of(rising, q)), 9);
        }
    }
}

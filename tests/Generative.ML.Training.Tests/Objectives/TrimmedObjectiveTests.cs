using System;
using System.Linq;
using Generative.ML.Training.Models;
using Generative.ML.Training.Objectives;
using Generative.ML.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Objectives
{
    /// <summary>The trimmed objective keeps each batch's lowest-loss rows and averages over those only.</summary>
    public class TrimmedObjectiveTests
    {
        [Fact]
        public void Keeps_the_rows_with_the_lowest_loss()
        {
            var losses = new float[] { 5, 1, 9, 3, 7, 2, 8, 4, 6, 0 };
            using var t = tensor(losses);
            using var kept = Objective.KeptRows(t, 0.2)!;
            var rows = kept.data<long>().ToArray().OrderBy(i => i).ToArray();
            // ceil(0.8 * 10) = 8 rows: all but the two highest losses (9 at row 2, 8 at row 6).
            Assert.Equal(new long[] { 0, 1, 3, 4, 5, 7, 8, 9 }, rows);
            using var mean = Objective.MeanOver(t, kept);
            Assert.Equal(losses.Where(v => v < 8).Average(), mean.ToSingle(), 5);
        }

        [Fact]
        public void No_trimming_keeps_every_row()
        {
            using var t = tensor(new float[] { 3, 1, 2 });
            Assert.Null(Objective.KeptRows(t, 0));
            Assert.Null(Objective.KeptRows(t, 0.1)); // ceil(0.9 * 3) = 3: nothing to leave out
            using var mean = Objective.MeanOver(t, null);
            Assert.Equal(2f, mean.ToSingle(), 6);
        }

        [Fact]
        public void Trimming_leaves_the_worst_fitted_rows_out_of_the_vae_loss()
        {
            manual_seed(3);
            using var model = new VariationalAutoencoder(4, 2);
            model.eval();
            var r = new Random(1);
            var values = Enumerable.Range(0, 40).Select(i => (float)(i < 36 ? 0.1 * Support.Synthetic.Gaussian(r) : 50)).ToArray();
            using var x = tensor(values, 10, 4); // the last row is far from the rest: by far the worst fitted
            using var _ = no_grad();
            manual_seed(5);
            var all = model.Loss(x, null, new TrainingStep(0, 0));
            manual_seed(5);
            var trimmed = model.Loss(x, null, new TrainingStep(0, 0, TrimFraction: 0.1));
            using (all.Total) using (trimmed.Total) {
                using var firstNine = x.narrow(0, 0, 9);
                manual_seed(5);
                // The loss of the nine kept rows alone equals the trimmed loss of all ten, up to the noise draws (the
                // same seed, but a batch of another size may draw them in another order).
                using var nine = model.Loss(firstNine, null, new TrainingStep(0, 0)).Total;
                Assert.True(trimmed.Total.ToSingle() < all.Total.ToSingle() / 2, $"trimmed {trimmed.Total.ToSingle()} vs all {all.Total.ToSingle()}");
                Assert.True(Math.Abs(nine.ToSingle() - trimmed.Total.ToSingle()) <= 0.01 * Math.Abs(nine.ToSingle()),
                            $"nine rows {nine.ToSingle()} vs trimmed {trimmed.Total.ToSingle()}");
            }
        }
    }
}

using System;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using Generative.ML.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Quality
{
    /// <summary>Slow: the VQ-VAE uses its codebook, and each residual stage refines the one before.</summary>
    [Trait("Category", "EndToEnd")]
    public class VectorQuantizationTests(ITestOutputHelper output)
    {
        [Fact]
        public void On_data_of_K_clusters_the_held_out_codebook_perplexity_is_at_least_half_of_K()
        {
            // 16 well-separated clusters in 8-D, and a codebook of 16: a healthy codebook gives each cluster a code.
            const int dim = 8, clusters = 16, rows = 3200, heldOut = 800;
            var r = new Random(21);
            var data = TrainingData.FromMatrix(Synthetic.Clusters(r, rows, dim, clusters, spread: 2, noise: 0.1, centreSeed: 5), dim);
            var test = Synthetic.Clusters(r, heldOut, dim, clusters, spread: 2, noise: 0.1, centreSeed: 5);
            using var model = new VectorQuantizedAutoencoder(dim, 4, codebookSize: clusters, stages: 1,
                                                             architecture: new MlpArchitecture { HiddenSizes = new long[] { 64, 32 } });
            new Trainer(new TrainerOptions { Epochs = 30, BatchSize = 64, LearningRate = 2e-3, Seed = 1 }).Fit(model, data);
            using var _ = no_grad();
            using var x = tensor(test, heldOut, dim);
            var perplexity = model.Perplexity(x)[0];
            using var reconstruction = model.Reconstruct(x);
            var error = (reconstruction - x).square().mean().item<float>();
            output.WriteLine($"held-out perplexity {perplexity:F2} of {clusters} codes; held-out MSE {error:F4} (data variance about 4)");
            Assert.True(perplexity >= clusters / 2.0, $"perplexity {perplexity:F2} < {clusters / 2.0}: the codebook collapsed");
        }

        [Fact]
        public void Each_residual_stage_lowers_the_held_out_reconstruction_error()
        {
            // Rows on a curved 3-D manifold in 12-D: no finite codebook fits them exactly, so every stage has work.
            const int dim = 12, rows = 3000, heldOut = 600, stages = 4;
            var r = new Random(31);
            var a = Synthetic.GaussianMatrix(r, dim, 3);
            float[] Make(int n) => Synthetic.CurvedManifold(r, n, a);
            var data = TrainingData.FromMatrix(Make(rows), dim);
            var test = Make(heldOut);
            using var model = new VectorQuantizedAutoencoder(dim, 4, codebookSize: 8, stages: stages,
                                                             architecture: new MlpArchitecture { HiddenSizes = new long[] { 64, 32 } });
            new Trainer(new TrainerOptions { Epochs = 30, BatchSize = 64, LearningRate = 2e-3, Seed = 2 }).Fit(model, data);
            using var _ = no_grad();
            using var x = tensor(test, heldOut, dim);
            var errors = Enumerable.Range(1, stages).Select(k => {
                using var reconstruction = model.ReconstructWithStages(x, k);
                return (double)(reconstruction - x).square().mean().item<float>();
            }).ToArray();
            output.WriteLine($"held-out MSE with 1..{stages} stages: {string.Join(", ", errors.Select(e => e.ToString("F4")))}; " +
                             $"perplexity per stage {string.Join(", ", model.Perplexity(x).Select(p => p.ToString("F1")))} of 8");
            for (var k = 1; k < stages; k++)
                Assert.True(errors[k] < errors[k - 1], $"stage {k + 1} did not lower the error: {errors[k]:F4} against {errors[k - 1]:F4}");
        }
    }
}

using System;
using System.Linq;
using System.Threading;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using Generative.ML.Training.Tests.Support;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Reproducibility
{
    /// <summary>
    /// Fits running at the same time in one process (a server training per tenant) each give exactly the weights and
    /// ONNX bytes they give alone: every draw comes from the fit's own generator, and fits asking for different thread
    /// counts are serialized.
    /// </summary>
    public class ConcurrentFitTests
    {
        sealed record Run(float[] Weights, byte[] Scorer);

        static TrainingData Table(int seed, int width, int rows = 400)
        {
            var r = new Random(seed);
            return TrainingData.FromMatrix(Enumerable.Range(0, rows * width).Select(_ => (float)Synthetic.Gaussian(r)).ToArray(), width);
        }

        // Dropout, sampling noise and the validation split: every source of randomness a fit has.
        static VariationalAutoencoder Vae() => new(12, 3, new MlpArchitecture { HiddenSizes = new long[] { 32 }, Dropout = 0.1 });

        static Run FitVae(int seed, int? threads)
        {
            using var model = Vae();
            return Fit(model, seed, threads);
        }

        static Run Fit(VariationalAutoencoder model, int seed, int? threads)
        {
            new Trainer(new TrainerOptions { Epochs = 4, BatchSize = 32, Seed = seed, Threads = threads, ValidationFraction = 0.2 }).Fit(model, Table(1, 12));
            return new Run(Weights.Flat(model), OnnxExporter.Export(model).Scorer);
        }

        static Run FitConv(int seed, int? threads)
        {
            using var model = new VariationalAutoencoder(64, 2, new ConvArchitecture { Height = 8, Width = 8, ConvChannels = new long[] { 4, 8 } });
            new Trainer(new TrainerOptions { Epochs = 2, BatchSize = 32, Seed = seed, Threads = threads }).Fit(model, Table(2, 64, 200));
            return new Run(Weights.Flat(model), OnnxExporter.Export(model).Scorer);
        }

        static (Run, Run) AtOnce(Func<Run> first, Func<Run> second)
        {
            Run? a = null, b = null;
            using var ready = new Barrier(2);
            var threads = new[] {
                new Thread(() => { ready.SignalAndWait(); a = first(); }),
                new Thread(() => { ready.SignalAndWait(); b = second(); }),
            };
            foreach (var t in threads) t.Start();
            foreach (var t in threads) t.Join();
            return (a!, b!);
        }

        static void AssertSame(Run alone, Run together, string what)
        {
            Assert.True(alone.Weights.SequenceEqual(together.Weights), $"{what}: the weights differ from the same fit run alone.");
            Assert.True(alone.Scorer.AsSpan().SequenceEqual(together.Scorer), $"{what}: the ONNX bytes differ from the same fit run alone.");
        }

        /// <summary>Runs the two fits one after the other, then <paramref name="trials"/> times at once; each must match its lone run.</summary>
        static (Run first, Run second) AssertAtOnceAsAlone(Func<Run> first, Func<Run> second, string firstName, string secondName, int trials = 1)
        {
            var alone = (first(), second());
            for (var trial = 0; trial < trials; trial++) {
                var together = AtOnce(first, second);
                AssertSame(alone.Item1, together.Item1, $"{firstName}, trial {trial}");
                AssertSame(alone.Item2, together.Item2, $"{secondName}, trial {trial}");
            }
            return alone;
        }

        [Fact]
        public void Two_vae_fits_at_once_give_the_bytes_each_gives_alone()
        {
            var alone = AssertAtOnceAsAlone(() => FitVae(1, 2), () => FitVae(2, 2), "seed 1", "seed 2", trials: 2);
            Assert.False(alone.first.Weights.SequenceEqual(alone.second.Weights), "Two seeds gave the same weights.");
        }

        [Fact]
        public void Two_conv_fits_at_once_give_the_bytes_each_gives_alone() =>
            AssertAtOnceAsAlone(() => FitConv(1, 1), () => FitConv(2, 1), "conv, seed 1", "conv, seed 2");

        [Fact]
        public void Fits_asking_for_different_thread_counts_at_once_give_the_bytes_each_gives_alone() =>
            AssertAtOnceAsAlone(() => FitVae(3, 1), () => FitVae(3, 2), "1 thread", "2 threads");

        [Fact]
        public void What_a_fit_draws_leaves_torchs_global_generator_alone()
        {
            using var model = Vae(); // torch's layer constructors draw from the global generator; the fit must not
            manual_seed(42);
            using var expected = randn(5);
            manual_seed(42);
            Fit(model, 4, null);
            using var after = randn(5);
            Assert.True(expected.equal(after).all().item<bool>(), "A fit drew from torch's global generator.");
        }
    }
}

using System;
using System.Diagnostics;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Bench
{
    /// <summary>
    /// Milliseconds per training step: through the library's <see cref="Trainer"/> (shuffling, loss read-back, finite
    /// checks and all), and through the bare TorchSharp loop a C# user could write for the same network (pre-cut batches,
    /// TorchSharp's Adam, nothing read back). Each round is one epoch; the median of the rounds is reported.
    /// </summary>
    internal static class TrainingStepBenchmark
    {
        public static readonly long[] LargeHidden = { 512, 256 };
        public const long LargeInput = 784, LargeLatent = 32;
        public const int LargeRows = 8192;

        public static readonly long[] SmallHidden = { 64, 32 };
        public const long SmallInput = 16, SmallLatent = 4;
        public const int SmallRows = 4096;

        /// <summary>Multiply-add FLOPs of one step of the large model: forward 2·B·Σ(in·out), backward twice that.</summary>
        public static double FlopsPerStep(int batch)
        {
            var dims = new[] { LargeInput }.Concat(LargeHidden).Append(LargeLatent).ToArray();
            double macs = 0;
            for (var i = 0; i < dims.Length - 1; i++) macs += dims[i] * dims[i + 1];
            return 6.0 * batch * macs * 2; // encoder and mirrored decoder
        }

        /// <summary>The trainer on a model of the given kind; returns ms per step of each measured epoch.</summary>
        public static double[] Trainer(GenerativeModel model, int rows, int batch, int rounds, int warmup, int threads)
        {
            var r = new Random(1);
            var x = new float[rows * model.InputSize];
            for (var i = 0; i < x.Length; i++) x[i] = (float)r.NextDouble();
            var options = new TrainerOptions { Epochs = warmup + rounds, BatchSize = batch, Seed = 0, Threads = threads, LearningRate = 1e-3 };
            var history = new Trainer(options).Fit(model, TrainingData.FromMatrix(x, (int)model.InputSize));
            var steps = (rows + batch - 1) / batch;
            return history.Epochs.Skip(warmup).Select(e => e.Seconds * 1000 / steps).ToArray();
        }

        public static GenerativeModel LargeAutoencoder() =>
            new Autoencoder(LargeInput, LargeLatent, new MlpArchitecture { HiddenSizes = LargeHidden, Activation = Activation.ReLU });

        public static GenerativeModel SmallModel(string kind) => kind == "vae"
            ? new VariationalAutoencoder(SmallInput, SmallLatent, new MlpArchitecture { HiddenSizes = SmallHidden })
            : new Autoencoder(SmallInput, SmallLatent, new MlpArchitecture { HiddenSizes = SmallHidden });

        /// <summary>The floor: a plain TorchSharp Sequential of the large autoencoder, TorchSharp's Adam, MSE, pre-cut batches.</summary>
        public static double[] Bare(int batch, int rounds, int warmup)
        {
            manual_seed(0);
            var dims = new[] { LargeInput }.Concat(LargeHidden).Append(LargeLatent).ToArray();
            using var model = nn.Sequential(Mlp(dims), Mlp(dims.Reverse().ToArray()));
            using var opt = optim.Adam(model.parameters(), lr: 1e-3, beta1: 0.9, beta2: 0.999);
            using var data = rand(LargeRows, LargeInput);
            var n = LargeRows / batch;
            var batches = Enumerable.Range(0, n).Select(i => data.narrow(0, i * batch, batch).DetachFromDisposeScope()).ToArray();

            void Epoch()
            {
                for (var i = 0; i < n; i++) {
                    using var scope = NewDisposeScope();
                    opt.zero_grad();
                    var loss = nn.functional.mse_loss(model.call(batches[i]), batches[i]);
                    loss.backward();
                    opt.step();
                }
            }

            for (var i = 0; i < warmup; i++) Epoch();
            var perRound = new double[rounds];
            for (var round = 0; round < rounds; round++) {
                var sw = Stopwatch.StartNew();
                Epoch();
                perRound[round] = sw.Elapsed.TotalMilliseconds / n;
            }
            foreach (var b in batches) b.Dispose();
            return perRound;
        }

        static nn.Module<Tensor, Tensor> Mlp(long[] dims)
        {
            var layers = new System.Collections.Generic.List<nn.Module<Tensor, Tensor>>();
            for (var i = 0; i < dims.Length - 1; i++) {
                layers.Add(nn.Linear(dims[i], dims[i + 1]));
                if (i < dims.Length - 2) layers.Add(nn.ReLU());
            }
            return nn.Sequential(layers);
        }
    }
}

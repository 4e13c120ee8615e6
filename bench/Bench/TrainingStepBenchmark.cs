using System;
using System.Diagnostics;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Bench
{
    /// <summary>
    /// Times Adam training steps of the 784-512-256-32 MLP autoencoder through the TorchSharp stand-in, with the
    /// protocol the PyTorch reference uses: same data size, warm-up, rounds of steps, median of the rounds.
    /// </summary>
    internal static class TrainingStepBenchmark
    {
        public static readonly long[] Hidden = { 512, 256 };
        public const long Input = 784, Latent = 32;

        /// <summary>Multiply-add FLOPs of one step: forward 2·B·Σ(in·out), backward twice that.</summary>
        public static double FlopsPerStep(int batch)
        {
            var dims = new[] { Input }.Concat(Hidden).Append(Latent).ToArray();
            double macs = 0;
            for (var i = 0; i < dims.Length - 1; i++) macs += dims[i] * dims[i + 1];
            return 6.0 * batch * macs * 2; // encoder and mirrored decoder
        }

        public static double[] Run(int batch, int rounds, int warmup)
        {
            manual_seed(0);
            using var model = new Autoencoder(Input, Latent, new MlpArchitecture { HiddenSizes = Hidden, Activation = Activation.ReLU });
            using var opt = optim.Adam(model.parameters(), lr: 1e-3, beta1: 0.9, beta2: 0.999);
            using var data = rand(8192, Input);
            var n = 8192 / batch;
            var steps = Math.Max(4, 3840 / batch);
            var batches = Enumerable.Range(0, n).Select(i => data.narrow(0, i * batch, batch).DetachFromDisposeScope()).ToArray();

            void Step(int i)
            {
                using var scope = NewDisposeScope();
                opt.zero_grad();
                var loss = model.Loss(batches[i % n], null, default).Total;
                loss.backward();
                opt.step();
            }

            for (var i = 0; i < warmup; i++) Step(i);
            var perRound = new double[rounds];
            for (var r = 0; r < rounds; r++) {
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < steps; i++) Step(i);
                perRound[r] = sw.Elapsed.TotalMilliseconds / steps;
            }
            foreach (var b in batches) b.Dispose();
            return perRound;
        }
    }
}

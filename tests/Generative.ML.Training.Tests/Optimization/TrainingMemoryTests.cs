using System;
using System.Diagnostics;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Optimization
{
    /// <summary>Slow: ten thousand training steps through the trainer keep native and managed memory flat.</summary>
    [Trait("Category", "EndToEnd")]
    [Trait("Speed", "Slow")]
    public class TrainingMemoryTests
    {
        [Fact]
        public void TenThousandStepsAfterWarmUpKeepMemoryFlat()
        {
            var r = new Random(4);
            var x = new float[640 * 16];
            for (var i = 0; i < x.Length; i++) x[i] = (float)r.NextDouble();
            var data = TrainingData.FromMatrix(x, 16);
            using var model = new VariationalAutoencoder(16, 4, new MlpArchitecture { HiddenSizes = new long[] { 64, 32 } });
            // 640 rows in batches of 64: 10 steps an epoch. Warm-up (allocator arenas, tiered JIT) for 2,500 steps, then
            // 10,000 more; the measurements are taken from inside the run, at the end of those epochs.
            long afterWarmUp = 0, atEnd = 0, tensorsAfterWarmUp = 0, tensorsAtEnd = 0;
            var progress = new SynchronousProgress<TrainingProgress>(p => {
                if (!p.EpochCompleted) return;
                var epoch = p.Epoch;
                if (epoch == 250) (afterWarmUp, tensorsAfterWarmUp) = (ResidentBytes(), Tensor.TotalCount);
                if (epoch == 1250) (atEnd, tensorsAtEnd) = (ResidentBytes(), Tensor.TotalCount);
            });
            new Trainer(new TrainerOptions { Epochs = 1250, BatchSize = 64, Seed = 1, LearningRate = 1e-4 }).Fit(model, data, progress);

            // The smallest per-step activation is 64x4 floats (1 KiB); leaking the step's 30-odd tensors would add
            // hundreds of MiB (and the tensor count below is exact). The bound is absolute: the baseline depends on the tests
            // that ran before, and the allocator's own growth was seen at 27 MiB in one CI run after the slow tests.
            var growthMiB = (atEnd - afterWarmUp) / (double)(1 << 20);
            Assert.True(growthMiB < 48, $"Resident memory grew {growthMiB:F1} MiB ({afterWarmUp >> 20} MiB -> {atEnd >> 20} MiB) over 10,000 steps.");
            Assert.Equal(tensorsAfterWarmUp, tensorsAtEnd);
        }

        static long ResidentBytes()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var p = Process.GetCurrentProcess();
            p.Refresh();
            return p.WorkingSet64;
        }
    }
}

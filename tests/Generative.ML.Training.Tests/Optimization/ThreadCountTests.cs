using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Optimization
{
    /// <summary>Torch's thread count is process-wide: the trainer sets it only when asked, and only for the run.</summary>
    public class ThreadCountTests
    {
        static TrainingData Data() => TrainingData.FromMatrix(new float[64 * 4], 4);

        [Fact]
        public void AskedThreadCountHoldsForTheRunAndIsPutBackAfter()
        {
            var callers = get_num_threads();
            var seen = 0;
            using var model = new Autoencoder(4, 2);
            new Trainer(new TrainerOptions { Epochs = 1, BatchSize = 32, Threads = callers == 1 ? 2 : 1 })
                .Fit(model, Data(), new SynchronousProgress<TrainingProgress>(_ => seen = get_num_threads()));
            Assert.Equal(callers == 1 ? 2 : 1, seen);
            Assert.Equal(callers, get_num_threads());
        }

        [Fact]
        public void WithoutAThreadCountTheCallersSettingStands()
        {
            var callers = get_num_threads();
            try {
                set_num_threads(1);
                var seen = 0;
                using var model = new Autoencoder(4, 2);
                new Trainer(new TrainerOptions { Epochs = 1, BatchSize = 32 }).Fit(model, Data(), new SynchronousProgress<TrainingProgress>(_ => seen = get_num_threads()));
                Assert.Equal(1, seen);
                Assert.Equal(1, get_num_threads());
            } finally {
                set_num_threads(callers);
            }
        }
    }
}

using Generative.ML.Training.Optimization;

namespace Generative.ML.Estimators.Tests.Support
{
    /// <summary>Small, quick training settings for the tests.</summary>
    internal static class Quick
    {
        public static VariationalAutoencoderOptions Vae(int seed = 1) => new() {
            LatentSize = 3, HiddenSizes = new long[] { 32, 16 }, Epochs = 60, BatchSize = 64, LearningRate = 3e-3, Seed = seed, Threads = 2,
            Contamination = 0.05,
        };

        public static AutoencoderOptions Autoencoder(int seed = 1) => new() {
            LatentSize = 3, HiddenSizes = new long[] { 32, 16 }, Epochs = 60, BatchSize = 64, LearningRate = 3e-3, Seed = seed, Threads = 2,
        };
    }
}

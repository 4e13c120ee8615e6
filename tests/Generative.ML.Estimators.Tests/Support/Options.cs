
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

        public static VectorQuantizedOptions VectorQuantized(int seed = 1) => new() {
            LatentSize = 3, HiddenSizes = new long[] { 32, 16 }, Epochs = 60, BatchSize = 64, LearningRate = 3e-3, Seed = seed, Threads = 2,
            CodebookSize = 16, Stages = 2,
        };

        public static AdversarialAutoencoderOptions AdversarialAutoencoder(int seed = 1) => new() {
            LatentSize = 3, HiddenSizes = new long[] { 32, 16 }, Epochs = 60, BatchSize = 64, LearningRate = 3e-3, Seed = seed, Threads = 2,
        };

        public static GanOptions Gan(int seed = 1) => new() {
            LatentSize = 3, HiddenSizes = new long[] { 64, 32 }, Epochs = 60, BatchSize = 64, LearningRate = 1e-3, Seed = seed, Threads = 2,
        };
    }
}

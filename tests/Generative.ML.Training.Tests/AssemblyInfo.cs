// Fits no longer share torch's global generator, but many of these tests make their data with it (manual_seed, randn),
// and the memory and thread-count tests watch process-wide state: test classes run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Generative.ML.Training.Tests
{
    static class LibTorchFirst
    {
        /// <summary>Tests call TorchSharp before any library type: libtorch is made loadable first, as an application would.</summary>
        [System.Runtime.CompilerServices.ModuleInitializer]
        internal static void Prepare() => Generative.ML.Training.Platform.LibTorchRuntime.EnsureAvailable();
    }
}

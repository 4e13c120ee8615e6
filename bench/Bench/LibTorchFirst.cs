namespace Generative.ML.Bench
{
    static class LibTorchFirst
    {
        /// <summary>The benchmarks call TorchSharp before any library type: libtorch is made loadable first, as an application would.</summary>
        [System.Runtime.CompilerServices.ModuleInitializer]
        internal static void Prepare() => Generative.ML.Training.Platform.LibTorchRuntime.EnsureAvailable();
    }
}

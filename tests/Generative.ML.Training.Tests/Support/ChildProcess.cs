using Generative.ML.Tests.Shared;

namespace Generative.ML.Training.Tests.Support
{
    /// <summary>Runs this test assembly as a program (its entry point is in Reproducibility/SeededRun.cs).</summary>
    internal static class ChildProcess
    {
        /// <summary>Runs `dotnet Generative.ML.Training.Tests.dll ARGS`; returns its standard output, failing the test on a non-zero exit.</summary>
        public static string Run(params string[] args) => TestAssemblyProcess.Run(typeof(ChildProcess).Assembly, args);
    }
}

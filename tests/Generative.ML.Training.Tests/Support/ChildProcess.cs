using System.Diagnostics;

namespace Generative.ML.Training.Tests.Support
{
    /// <summary>Runs this test assembly as a program (its entry point is in Reproducibility/SeededRun.cs).</summary>
    internal static class ChildProcess
    {
        /// <summary>Runs `dotnet Generative.ML.Training.Tests.dll ARGS`; returns its standard output, failing the test on a non-zero exit.</summary>
        public static string Run(params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"`{string.Join(' ', args)}` failed (exit {process.ExitCode}): {output.Result}{errors}");
            return output.Result;
        }
    }
}

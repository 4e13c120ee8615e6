using System.Diagnostics;
using System.Reflection;

namespace Generative.ML.Tests.Shared
{
    /// <summary>
    /// Runs a test assembly as a program (`dotnet ASSEMBLY ARGS`), for the tests that need a fresh process. Compiled into
    /// each test project that has an entry point (linked from tests/Shared).
    /// </summary>
    internal static class TestAssemblyProcess
    {
        /// <summary>Returns the program's standard output, failing the test on a non-zero exit.</summary>
        public static string Run(Assembly assembly, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(assembly.Location);
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

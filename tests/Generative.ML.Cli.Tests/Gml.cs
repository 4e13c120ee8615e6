using System;
using System.Diagnostics;
using System.IO;

namespace Generative.ML.Cli.Tests
{
    /// <summary>The built gml.dll (./build.sh builds it with the solution), run with `dotnet` like a user would.</summary>
    internal static class Gml
    {
        /// <summary>The gml.dll the tests run.</summary>
        public static string DllPath => Dll.Value;

        static readonly Lazy<string> Dll = new(() => {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent) {
                var candidate = Path.Combine(dir.FullName, "tools", "Cli", "bin", "Release", "net10.0", "gml.dll");
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException($"tools/Cli/bin/Release/net10.0/gml.dll was not found above {AppContext.BaseDirectory}: build the solution in Release first.");
        });

        public static (int exit, string output, string error) Run(string workingDirectory, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory,
            };
            start.ArgumentList.Add(Dll.Value);
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error);
        }
    }
}

using System;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;

namespace Generative.ML.Bench
{
    /// <summary>Runs a Python reference script; every line it prints that is a JSON object is one result.</summary>
    public static class ReferenceScript
    {
        /// <param name="needs">What the script needs installed, for the message when it fails.</param>
        public static JsonElement[] Results(ProcessStartInfo start, string needs)
        {
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.UseShellExecute = false;
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"The reference {start.ArgumentList.FirstOrDefault()} failed (exit {process.ExitCode}); is {needs} installed? {errors}");
            return output.Result.Split('\n').Where(l => l.StartsWith('{')).Select(l => {
                using var doc = JsonDocument.Parse(l);
                return doc.RootElement.Clone();
            }).ToArray();
        }
    }
}

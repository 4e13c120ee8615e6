using System;
using System.Diagnostics;
using System.IO;

namespace Generative.ML.Training.Tests.Support
{
    /// <summary>Debian's python3-onnx, the reference ONNX checker, run as /usr/bin/python3 when it is installed.</summary>
    internal static class PythonOnnx
    {
        const string Python = "/usr/bin/python3";

        public static readonly Lazy<bool> Available = new(() => File.Exists(Python) && Run("import onnx", out _) == 0);

        public const string Missing = "python3-onnx is not installed (apt-get install python3-onnx; ./build.sh test installs it)";

        /// <summary>Runs onnx.checker.check_model with full shape inference on each file; returns the exit code and output.</summary>
        public static int Check(string[] paths, out string output) =>
            Run("import sys, onnx\nfor p in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(p), full_check=True)\n    print('ok', p)", out output, paths);

        static int Run(string script, out string output, params string[] args)
        {
            var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            foreach (var a in args) start.ArgumentList.Add(a);
            using var p = Process.Start(start)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            output = stdout.Result + stderr;
            return p.ExitCode;
        }
    }

    /// <summary>A fact that is skipped, with the reason shown, where python3-onnx is not installed.</summary>
    public sealed class OnnxCheckerFactAttribute : FactAttribute
    {
        public OnnxCheckerFactAttribute()
        {
            if (!PythonOnnx.Available.Value) Skip = PythonOnnx.Missing;
        }
    }
}

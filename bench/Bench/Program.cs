using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Generative.ML.Bench;
using static TorchSharp.torch;

// bench: training-step time of the stand-in against PyTorch, in one run, same thread count.
// Usage: dotnet run --project bench/Bench -c Release [-- --rounds 7 --threads N]
var rounds = ArgInt("--rounds", 7);
var threads = ArgInt("--threads", Environment.ProcessorCount);
const int warmup = 10;
int[] batchSizes = { 128, 1024 };

set_num_threads(threads);
Console.WriteLine($"MLP autoencoder 784-512-256-32 (mirrored decoder), Adam, MSE; {threads} threads, {rounds} rounds, median per step");

var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
var script = FindUp(Path.Combine("bench", "reference", "train_ae.py"));
var psi = new ProcessStartInfo(python, new[] { script, threads.ToString(), string.Join(",", batchSizes), rounds.ToString(), warmup.ToString() }) {
    RedirectStandardOutput = true,
    RedirectStandardError = true,
};

// The stand-in runs libtorch's OpenMP with passive waiting (see NativeLibraryLoader). PyTorch is timed twice: as its
// users run it by default, and with the same setting, so that the ratio is not won by configuration alone.
Console.WriteLine("PyTorch(default): OMP_WAIT_POLICY unset; PyTorch(passive): OMP_WAIT_POLICY=PASSIVE");
Console.WriteLine($"{"batch",6} {"C# ms/step",11} {"PyTorch(default)",17} {"PyTorch(passive)",17} {"ratio vs default",17} {"ratio vs passive",17} {"C# GFLOP/s",11} {"PyTorch GFLOP/s",16}");
foreach (var b in batchSizes) {
    var cs = Median(TrainingStepBenchmark.Run(b, rounds, warmup));
    var pyDefault = RunReference(b, passive: false);
    var pyPassive = RunReference(b, passive: true);
    var flops = TrainingStepBenchmark.FlopsPerStep(b);
    Console.WriteLine($"{b,6} {cs,11:F3} {pyDefault,17:F3} {pyPassive,17:F3} {cs / pyDefault,17:F3} {cs / pyPassive,17:F3} {flops / cs / 1e6,11:F1} {flops / pyPassive / 1e6,16:F1}");
}

double RunReference(int batch, bool passive)
{
    var p = psi;
    p.ArgumentList[2] = batch.ToString();
    p.Environment.Remove("OMP_WAIT_POLICY");
    if (passive) p.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
    using var proc = Process.Start(p) ?? throw new InvalidOperationException($"Could not start {python}.");
    var output = proc.StandardOutput.ReadToEnd();
    var errors = proc.StandardError.ReadToEnd();
    proc.WaitForExit();
    if (proc.ExitCode != 0)
        throw new InvalidOperationException($"The PyTorch reference failed (exit {proc.ExitCode}); is python3-torch installed? {errors}");
    using var doc = JsonDocument.Parse(output.Trim().Split('\n').Last());
    return doc.RootElement.GetProperty("median_ms").GetDouble();
}

static double Median(double[] xs)
{
    var s = xs.OrderBy(x => x).ToArray();
    return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
}

int ArgInt(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
}

static string FindUp(string relative)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent) {
        var candidate = Path.Combine(dir.FullName, relative);
        if (File.Exists(candidate)) return candidate;
    }
    throw new FileNotFoundException($"Could not find {relative} above {AppContext.BaseDirectory}.");
}

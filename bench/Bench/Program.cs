using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Generative.ML.Bench;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

// bench: the stand-ins against PyTorch, each in one run on the same thread count.
//   training  training-step time of the libtorch stand-in
//   scoring   the exported scorer through the ONNX Runtime stand-in, against PyTorch eager on the same weights
// Usage: dotnet run --project bench/Bench -c Release [-- training|scoring|all] [--rounds 7] [--threads N]
var what = args.Length > 0 && !args[0].StartsWith("--") ? args[0] : "all";
var rounds = ArgInt("--rounds", 7);
var threads = ArgInt("--threads", Environment.ProcessorCount);
var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
if (what is not ("training" or "scoring" or "all")) {
    Console.Error.WriteLine($"Unknown benchmark '{what}': use training, scoring or all.");
    return 2;
}
if (what is "training" or "all") Training();
if (what is "scoring" or "all") Scoring();
return 0;

void Training()
{
    const int warmup = 10;
    int[] batchSizes = { 128, 1024 };
    set_num_threads(threads);
    Console.WriteLine($"== training: MLP autoencoder 784-512-256-32 (mirrored decoder), Adam, MSE; {threads} threads, {rounds} rounds, median per step");
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
        var pyDefault = RunReference(psi, 2, b.ToString(), passive: false).Single().median;
        var pyPassive = RunReference(psi, 2, b.ToString(), passive: true).Single().median;
        var flops = TrainingStepBenchmark.FlopsPerStep(b);
        Console.WriteLine($"{b,6} {cs,11:F3} {pyDefault,17:F3} {pyPassive,17:F3} {cs / pyDefault,17:F3} {cs / pyPassive,17:F3} {flops / cs / 1e6,11:F1} {flops / pyPassive / 1e6,16:F1}");
    }
}

void Scoring()
{
    int[] batchSizes = { 1, 1024 };
    const int rowsPerRound = 4096;
    var scoringRounds = Math.Max(rounds, 15);
    Console.WriteLine($"== scoring: exported VAE scorer 784-512-256-32, ONNX Runtime stand-in vs PyTorch eager (inference_mode) on the same weights;");
    Console.WriteLine($"   {threads} threads, {scoringRounds} rounds of ~{rowsPerRound} rows, median ms per call");
    var dir = Path.Combine(Path.GetTempPath(), $"gml-bench-{Environment.ProcessId}");
    try {
        var (model, inputs) = ScoringBenchmark.Prepare(dir);
        var x = ScoringBenchmark.ReadFloats(inputs);
        var scoresPath = Path.Combine(dir, "scores.f32");
        var script = FindUp(Path.Combine("bench", "reference", "score_vae.py"));
        var psi = new ProcessStartInfo(python, new[] { script, model, inputs, threads.ToString(), string.Join(",", batchSizes),
                                                       scoringRounds.ToString(), rowsPerRound.ToString(), scoresPath }) {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var reference = RunReference(psi, -1, "", passive: false).ToDictionary(r => r.batch, r => r.median);

        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(model, options);
        // Both sides must have computed the same scores, or the timing compares different work.
        var ours = ScoringBenchmark.Scores(session, x);
        var theirs = ScoringBenchmark.ReadFloats(scoresPath);
        var scale = Math.Max(1, theirs.Max(Math.Abs));
        var worst = ours.Zip(theirs, (a, b) => Math.Abs(a - b)).Max() / scale;
        Console.WriteLine($"   scores agree with PyTorch to {worst:E1} of their scale over {ours.Length} rows");
        if (worst > 1e-4) throw new InvalidOperationException("The ONNX scorer and the PyTorch reference disagree; the timing would be meaningless.");

        Console.WriteLine($"{"batch",6} {"C# ONNX ms/call",16} {"PyTorch ms/call",16} {"speed-up",9} {"C# rows/s",12} {"PyTorch rows/s",15}");
        foreach (var b in batchSizes) {
            var cs = Median(ScoringBenchmark.Time(session, x, b, scoringRounds, rowsPerRound));
            var py = reference[b];
            Console.WriteLine($"{b,6} {cs,16:F4} {py,16:F4} {py / cs,8:F2}x {b / cs * 1000,12:F0} {b / py * 1000,15:F0}");
        }
    } finally {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}

// Runs a reference script; each JSON line it prints is one (batch, median ms). argIndex >= 0 replaces that argument.
(int batch, double median)[] RunReference(ProcessStartInfo p, int argIndex, string argValue, bool passive)
{
    if (argIndex >= 0) p.ArgumentList[argIndex] = argValue;
    p.Environment.Remove("OMP_WAIT_POLICY");
    if (passive) p.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
    using var proc = Process.Start(p) ?? throw new InvalidOperationException($"Could not start {python}.");
    var output = proc.StandardOutput.ReadToEnd();
    var errors = proc.StandardError.ReadToEnd();
    proc.WaitForExit();
    if (proc.ExitCode != 0)
        throw new InvalidOperationException($"The PyTorch reference failed (exit {proc.ExitCode}); are python3-torch and python3-onnx installed? {errors}");
    return output.Trim().Split('\n').Where(l => l.StartsWith("{")).Select(l => {
        using var doc = JsonDocument.Parse(l);
        var root = doc.RootElement;
        return (root.TryGetProperty("batch", out var b) ? b.GetInt32() : 0, root.GetProperty("median_ms").GetDouble());
    }).ToArray();
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

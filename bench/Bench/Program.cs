using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Generative.ML.Bench;
using Microsoft.ML.OnnxRuntime;
using static Generative.ML.Bench.Statistics;
using static TorchSharp.torch;

// bench: the library against PyTorch (Debian's 1.13), each in one run on the same thread count.
//   training  ms per training step: the library's Trainer, a bare TorchSharp loop, PyTorch; and small tabular models
//   scoring   the exported scorer through Microsoft.ML.OnnxRuntime, against PyTorch eager on the same weights
//   pipeline  anomaly scoring inside ML.NET: fitted pipeline, after Load, bare ApplyOnnxModel, batch API, PyTorch eager
//   quality   anomaly-detection AUROC on generated and shipped tasks: the library's detectors, Isolation Forest, PCA
// Usage: dotnet run --project bench/Bench -c Release [-- training|scoring|pipeline|quality|all] [--rounds 7] [--threads N]
//        quality also takes [--seeds 3] [--detectors vae,ae,...] [--group dev|holdout|real|all] [--setting contaminated|clean|labelled-K]
//   service   a bounded load run on samples/ScoringService over the loopback: rows/s, p50/p99 latency, errors
//   scale     Fit time and peak RSS at 1e5, 1e6 and 1e7 rows of 32 features (rows made as the cursor walks, and 1e7 from
//             ML.NET's binary format on disk), scoring rows/s fitted / after Load / after LoadBatched, and
//             artifacts/bench/scale.png; [--max-rows 10000000]
//   synth     the table synthesizer against independent marginals and a Gaussian copula on the real tables of data/tables:
//             column shapes, pair trends, detectability, copies of real rows; artifacts/bench/synth-*.png; [--seeds 3] [--tables a,b]
//   soak      long runs: the service under steady load for --minutes (10), 10M rows scored in-process, 20 fits, fits on a
//             busy machine; memory growth, latency per minute, errors; [--minutes 10] [--rows 10000000] [--fits 20]
//   embed     dimensionality reduction: the library's encoders against ML.NET's PCA, t-SNE and Isomap (scikit-learn) on labelled
//             tables, k-fold: linear and 1-NN accuracy of held-out codes, trustworthiness, reconstruction error, Fit time;
//             artifacts/bench/embed-*.png; [--seeds 1] [--folds 5] [--k 2,8] [--tables iris,wine,breast-cancer,digits] [--weight W]
//             [--map-hidden 256,128] [--map-epochs N] (the neighbourhood variant's widths and epochs) [--no-references]
//   fuzz      every parser and loader of outside bytes (tests/Shared/Fuzzing) on mutated seeds: cases, refusals, distinct
//             failures, slowest input; artifacts/bench/fuzz.md; [--cases 5000] [--seed N] [--target name-part]
var what = args.Length > 0 && !args[0].StartsWith("--") ? args[0] : "all";
if (what == "scale-child") return ScaleBenchmark.Child(long.Parse(args[1]), args[2], args.Length > 3 ? args[3] : null);
var rounds = ArgInt("--rounds", 7);
var threads = ArgInt("--threads", Environment.ProcessorCount);
var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
if (what is not ("training" or "scoring" or "pipeline" or "quality" or "scale" or "service" or "synth" or "embed" or "fuzz" or "soak" or "all")) {
    Console.Error.WriteLine($"Unknown benchmark '{what}': use training, scoring, pipeline, quality, scale, service, synth, embed, fuzz, soak or all.");
    return 2;
}
// Every measured ratio, with its target, goes into one table at the end (printed, and written to artifacts/bench/results.md).
var summary = new List<(string benchmark, string measure, string value, string target)>();
if (what is "training" or "all") Training();
if (what is "scoring" or "all") Scoring();
if (what is "pipeline" or "all") Pipeline();
if (what is "quality" or "all") Quality();
if (what is "service" or "all") Service();
if (what is "synth" or "all") Synth();
if (what is "embed" or "all") Embed();
if (what is "scale") Scale(); // minutes at 1e7 rows: only when asked for
if (what is "fuzz") Fuzz(); // tens of thousands of cases: only when asked for
if (what is "soak") Soak(); // a quarter of an hour: only when asked for
WriteSummary();
return 0;

void Synth()
{
    var seeds = ArgInt("--seeds", 3);
    Console.WriteLine($"== synth: the table VAE against a Gaussian copula and independent marginals, {seeds} seeds, medians; {threads} threads");
    var only = Array.IndexOf(args, "--tables") is var at && at >= 0 && at + 1 < args.Length ? args[at + 1].Split(',') : null;
    // Experiments on the table VAE's defaults: --steps N, --max-epochs E, --validation F, --patience P, --weight-decay W, --beta B (KL weight),
    // --dropout D, --latent L, --hidden H1,H2, --batch B, --lr R, --no-modes.
    double? ArgDouble(string name) => Array.IndexOf(args, name) is var k && k >= 0 && k + 1 < args.Length
        ? double.Parse(args[k + 1], System.Globalization.CultureInfo.InvariantCulture) : null;
    var settings = new Generative.ML.Bench.Synthesis.SynthesisBenchmark.Settings((int?)ArgDouble("--steps"), ArgDouble("--validation"), (int?)ArgDouble("--patience"),
                                                                                 ArgDouble("--weight-decay"), !args.Contains("--no-modes"), (int?)ArgDouble("--max-epochs"),
                                                                                 ArgDouble("--beta"), ArgDouble("--dropout"), (int?)ArgDouble("--latent"),
                                                                                 args.Contains("--hidden") ? ArgString("--hidden", "").Split(',').Select(long.Parse).ToArray() : null,
                                                                                 (int?)ArgDouble("--batch"), ArgDouble("--lr"));
    var results = Generative.ML.Bench.Synthesis.SynthesisBenchmark.Run(FindRepoRoot(), seeds, threads, Path.Combine(FindRepoRoot(), "artifacts", "bench"), only, settings);
    foreach (var table in results.GroupBy(r => r.Table)) {
        var ours = table.Single(r => r.Method.Contains("ours"));
        var copula = table.Single(r => r.Method == "Gaussian copula");
        var marginals = table.Single(r => r.Method == "independent marginals");
        summary.Add(("synth", $"{table.Key}: pair trends, ours / copula / marginals", $"{ours.Pairs:F3} / {copula.Pairs:F3} / {marginals.Pairs:F3}", "ours highest"));
        summary.Add(("synth", $"{table.Key}: detectability max(AUC, 0.5), ours / copula / marginals", $"{ours.Detection:F3} / {copula.Detection:F3} / {marginals.Detection:F3}", "ours lowest"));
        summary.Add(("synth", $"{table.Key}: privacy, ours: closer than held-out 5th pct, median ratio", $"{100 * ours.CloserShare:F1}%, {ours.MedianRatio:F2}", "< 7%, >= 0.8"));
        summary.Add(("synth", $"{table.Key}: column shapes, ours / copula / marginals", $"{ours.Shapes:F3} / {copula.Shapes:F3} / {marginals.Shapes:F3}", "ours >= copula"));
        summary.Add(("synth", $"{table.Key}: copies of real rows (ours), Fit time", $"{100 * ours.Copies:F1}%, {ours.FitSeconds:F1} s", "-"));
    }
}

void Embed()
{
    var seeds = ArgInt("--seeds", 1);
    var folds = ArgInt("--folds", 5);
    var ks = ArgString("--k", "2,8").Split(',').Select(int.Parse).ToArray();
    var only = Array.IndexOf(args, "--tables") is var at && at >= 0 && at + 1 < args.Length ? args[at + 1].Split(',') : null;
    Console.WriteLine($"== embed: encoders against PCA, t-SNE and Isomap; {seeds} seed(s) x {folds} folds, k = {string.Join(", ", ks)}; medians over folds; {threads} threads");
    var results = Generative.ML.Bench.Embedding.EmbeddingBenchmark.Run(FindRepoRoot(), python, seeds, folds, ks, only,
                                                                       Path.Combine(FindRepoRoot(), "artifacts", "bench"), Console.WriteLine,
                                                                       double.Parse(ArgString("--weight", "30"), System.Globalization.CultureInfo.InvariantCulture),
                                                                       !args.Contains("--no-references"),
                                                                       args.Contains("--map-hidden") ? ArgString("--map-hidden", "").Split(',').Select(long.Parse).ToArray() : null,
                                                                       args.Contains("--map-epochs") ? ArgInt("--map-epochs", 0) : null);
    summary.AddRange(Generative.ML.Bench.Embedding.EmbeddingBenchmark.Summary(results, Path.Combine(FindRepoRoot(), "artifacts", "bench", "embed.md")));
}

void Soak()
{
    var minutes = double.Parse(ArgString("--minutes", "10"), System.Globalization.CultureInfo.InvariantCulture);
    var rows = long.Parse(ArgString("--rows", "10000000"));
    var fits = ArgInt("--fits", 20);
    Console.WriteLine($"== soak: the service for {minutes} minutes (4 clients in a closed loop, 100-row requests), {rows:N0} rows in-process, {fits} fits, a busy machine");
    var dir = Directory.CreateTempSubdirectory("gml-bench-soak-").FullName;
    try {
        var r = SoakBenchmark.Run(FindRepoRoot(), dir, minutes, rows, fits);
        var minute2 = r.Minutes.Count > 1 ? r.Minutes[1] : r.Minutes[0];
        string Growth(long a, long b) => $"{a >> 20} -> {b >> 20} MiB ({100.0 * (b - a) / a:+0.0;-0.0}%)";
        summary.Add(("soak", "service: requests/s; errors", $"{r.RequestsPerSecond:F0}; {r.Minutes.Sum(m => m.Errors)} of {r.Minutes.Sum(m => m.Requests)}", "errors = 0"));
        summary.Add(("soak", "service RSS after minute 1 -> end", Growth(r.ServiceRssAfterWarmUp, r.ServiceRssAtEnd), "< +5%"));
        summary.Add(("soak", "service p99, minute 2 / last minute", $"{minute2.P99:F1} / {r.Minutes[^1].P99:F1} ms ({r.Minutes[^1].P99 / minute2.P99:F2}x)", "<= 1.5x"));
        summary.Add(("soak", $"in-process scoring of {r.ScoringRows:N0} rows: rows/s; RSS at 1M -> end", $"{r.ScoringRowsPerSecond:N0}; {Growth(r.ScoringRssAt1M, r.ScoringRssAtEnd)}", "< +5%"));
        summary.Add(("soak", $"{fits} default fits in one process: RSS after fit 2 -> end", Growth(r.FitsRssAfterSecond, r.FitsRssAtEnd), "< +5%"));
        summary.Add(("soak", "gml train beside 2 busy processes / its fair share", $"{r.BusySeconds:F1} / {r.FairShareSeconds:F1} s ({r.BusySeconds / r.FairShareSeconds:F2}x; alone {r.AloneSeconds:F1} s)", "<= 1.3x"));
        summary.Add(("soak", "two fits at once in one process / one after the other", $"{r.ConcurrentPairSeconds:F1} / {r.SequentialPairSeconds:F1} s ({r.ConcurrentPairSeconds / r.SequentialPairSeconds:F2}x)", "<= 1.3x"));
    } finally {
        Directory.Delete(dir, recursive: true);
    }
}

void Fuzz()
{
    var cases = ArgInt("--cases", 5000);
    var seed = (ulong)ArgInt("--seed", 1);
    var only = Array.IndexOf(args, "--target") is var at && at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    Console.WriteLine($"== fuzz: {cases} mutated inputs per target, seed {seed}");
    foreach (var r in FuzzBenchmark.Run(FindRepoRoot(), cases, seed, only, Path.Combine(FindRepoRoot(), "artifacts", "bench"))) {
        summary.Add(("fuzz", $"{r.Target}: cases, refused, failures (distinct)", $"{r.Cases}, {r.Refused}, {r.Failures.Count} ({r.Distinct.Count})", "0 failures"));
        summary.Add(("fuzz", $"{r.Target}: slowest input, most allocated", $"{r.Slowest.Milliseconds:F0} ms, {r.MostAllocatedBytes / 1e6:F0} MB", "< 5 s"));
    }
}

void WriteSummary()
{
    var lines = new List<string> {
        $"# Generative.ML benchmarks ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {threads} threads, `./build.sh bench {string.Join(' ', args)}`)", "",
        "| benchmark | measure | value | target |", "|---|---|---|---|",
    };
    lines.AddRange(summary.Select(r => $"| {r.benchmark} | {r.measure} | {r.value} | {r.target} |"));
    var dir = Path.Combine(FindRepoRoot(), "artifacts", "bench");
    Directory.CreateDirectory(dir);
    var path = Path.Combine(dir, "results.md");
    File.WriteAllLines(path, lines);
    Console.WriteLine();
    foreach (var l in lines) Console.WriteLine(l);
    Console.WriteLine($"(written to {path})");
}

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Generative.ML.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}

void Training()
{
    const int warmup = 2;
    int[] batchSizes = { 128, 1024 };
    set_num_threads(threads);
    Console.WriteLine($"== training: MLP autoencoder 784-512-256-32 (mirrored decoder), Adam, MSE; {threads} threads, {rounds} rounds, median ms per step");
    Console.WriteLine("   Trainer: the library's trainer; bare: a plain TorchSharp loop over the same network (the floor a C# user could write);");
    Console.WriteLine("   PyTorch 1.13 (Debian) as its users run it (default) and with OMP_WAIT_POLICY=PASSIVE");
    var script = FindUp(Path.Combine("bench", "reference", "train_ae.py"));
    Console.WriteLine($"{"batch",6} {"Trainer",9} {"bare",9} {"PyTorch",9} {"PyT.pass.",10} {"Trainer/bare",13} {"Trainer/PyT.pass.",18} {"Trainer GFLOP/s",16}");
    foreach (var b in batchSizes) {
        var psi = Reference(script, threads.ToString(), b.ToString(), rounds.ToString(), "10");
        double trainer;
        using (var model = TrainingStepBenchmark.LargeAutoencoder())
            trainer = Median(TrainingStepBenchmark.Trainer(model, TrainingStepBenchmark.LargeRows, b, rounds, warmup, threads));
        var bare = Median(TrainingStepBenchmark.Bare(b, rounds, warmup));
        var pyDefault = RunReference(psi, passive: false).Single().median;
        var pyPassive = RunReference(psi, passive: true).Single().median;
        var flops = TrainingStepBenchmark.FlopsPerStep(b);
        Console.WriteLine($"{b,6} {trainer,9:F3} {bare,9:F3} {pyDefault,9:F3} {pyPassive,10:F3} {trainer / bare,13:F3} {trainer / pyPassive,18:F3} {flops / trainer / 1e6,16:F1}");
        summary.Add(("training, 784-512-256-32 AE", $"batch {b}: Trainer / bare TorchSharp", $"{trainer / bare:F2}x ({trainer:F2} vs {bare:F2} ms)", "<= 1.05x"));
        summary.Add(("training, 784-512-256-32 AE", $"batch {b}: Trainer / PyTorch (passive)", $"{trainer / pyPassive:F2}x ({trainer:F2} vs {pyPassive:F2} ms)", "<= 0.8x"));
    }

    const int tabularBatch = 64, tabularRounds = 15;
    Console.WriteLine();
    Console.WriteLine($"== training, small tabular models: 16 features, hidden 64-32, latent 4, batch {tabularBatch}, {TrainingStepBenchmark.SmallRows} rows;");
    Console.WriteLine($"   each round is an epoch with shuffling and the loss read back every step, on both sides; {threads} threads, median of {tabularRounds}");
    var tabular = FindUp(Path.Combine("bench", "reference", "train_tabular.py"));
    Console.WriteLine($"{"model",6} {"Trainer",9} {"PyTorch",9} {"PyT.pass.",10} {"Trainer/PyTorch",16} {"Trainer/PyT.pass.",18}");
    foreach (var kind in new[] { "ae", "vae" }) {
        double trainer;
        using (var model = TrainingStepBenchmark.SmallModel(kind))
            trainer = Median(TrainingStepBenchmark.Trainer(model, TrainingStepBenchmark.SmallRows, tabularBatch, tabularRounds, warmup, threads));
        var psi = Reference(tabular, kind, threads.ToString(), tabularBatch.ToString(), tabularRounds.ToString(), warmup.ToString(),
                            TrainingStepBenchmark.SmallRows.ToString());
        var pyDefault = RunReference(psi, passive: false).Single().median;
        var pyPassive = RunReference(psi, passive: true).Single().median;
        Console.WriteLine($"{kind,6} {trainer,9:F3} {pyDefault,9:F3} {pyPassive,10:F3} {trainer / pyDefault,16:F3} {trainer / pyPassive,18:F3}");
        summary.Add(("training, 16-feature tabular", $"{kind}, batch {tabularBatch}: Trainer / PyTorch", $"{trainer / pyDefault:F2}x ({trainer:F3} vs {pyDefault:F3} ms)", "<= 1.0x"));
    }
}

ProcessStartInfo Reference(string script, params string[] arguments) =>
    new(python, new[] { script }.Concat(arguments)) { RedirectStandardOutput = true, RedirectStandardError = true };

void Scoring()
{
    int[] batchSizes = { 1, 1024 };
    const int rowsPerRound = 4096;
    var scoringRounds = Math.Max(rounds, 15);
    Console.WriteLine($"== scoring: exported VAE scorer 784-512-256-32, Microsoft.ML.OnnxRuntime vs PyTorch eager (inference_mode) on the same weights;");
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
        var reference = RunReference(psi, passive: false).ToDictionary(r => r.batch, r => r.median);

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
            summary.Add(("scoring, exported VAE scorer", $"batch {b}: ONNX Runtime speed-up over PyTorch eager", $"{py / cs:F2}x ({cs:F4} vs {py:F4} ms)",
                         b == 1 ? ">= 3x" : ">= 1.5x"));
        }
    } finally {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}

void Pipeline()
{
    var rows = ArgInt("--rows", 1_000_000);
    Console.WriteLine($"== pipeline: VaeAnomalyScore of a 64-feature VAE (64-32-8) over {rows:N0} rows; {threads} threads;");
    Console.WriteLine("   5 interleaved rounds: rows/s is the median pass, the ratio the median of the per-round ratios to the bare transform");
    var dir = Path.Combine(Path.GetTempPath(), $"gml-bench-pipeline-{Environment.ProcessId}");
    Directory.CreateDirectory(dir);
    try {
        var r = PipelineBenchmark.Run(rows, threads, dir);
        var model = Path.Combine(dir, "scorer.onnx");
        File.WriteAllBytes(model, r.Scorer);
        var inputs = Path.Combine(dir, "input.f32");
        File.WriteAllBytes(inputs, System.Runtime.InteropServices.MemoryMarshal.AsBytes(r.Sample.AsSpan()).ToArray());
        var script = FindUp(Path.Combine("bench", "reference", "score_vae.py"));
        var py = RunReference(Reference(script, model, inputs, threads.ToString(), "1024", "15", "65536", Path.Combine(dir, "scores.f32")), passive: false)
            .Single().median;
        var pyRate = 1024 / py * 1000;
        Console.WriteLine($"{"path",-34} {"rows/s",12} {"vs bare OnnxTransformer",24}");
        foreach (var (name, rate, ratio) in r.Paths) Console.WriteLine($"{name,-34} {rate,12:N0} {ratio,23:F2}x");
        Console.WriteLine($"{"PyTorch eager (batch 1024)",-34} {pyRate,12:N0} {pyRate / r.Paths.Single(p => p.Name == PipelineBenchmark.Bare).Rate,23:F2}x");
        Console.WriteLine($"PredictionEngine, one row: ours {r.EngineMicros:F1} us, bare ApplyOnnxModel {r.BareEngineMicros:F1} us ({r.EngineMicros / r.BareEngineMicros:F2}x)");
        string Target(string name) => name.StartsWith("fitted") ? ">= 20x" : name.EndsWith("LoadBatched") ? "" : name.StartsWith("same pipeline") ? ">= 0.9x (glue < 10%)" : "";
        foreach (var (name, rate, ratio) in r.Paths.Where(p => p.Name != PipelineBenchmark.Bare))
            summary.Add(("pipeline, 64-feature VAE scoring", $"{name} / bare ApplyOnnxModel", $"{ratio:F2}x ({rate:N0} rows/s)", Target(name)));
        var fitted = r.Paths.Single(p => p.Name.StartsWith("fitted")).Rate;
        var reloaded = r.Paths.Single(p => p.Name.EndsWith("LoadBatched")).Rate;
        summary.Add(("pipeline, 64-feature VAE scoring", "after Model.LoadBatched / fitted in memory", $"{reloaded / fitted:F2}x", ">= 0.8x"));
        summary.Add(("pipeline, 64-feature VAE scoring", "PredictionEngine latency / bare", $"{r.EngineMicros / r.BareEngineMicros:F2}x ({r.EngineMicros:F1} us)", "<= 1.2x"));
    } finally {
        Directory.Delete(dir, recursive: true);
    }
}

void Quality()
{
    var seeds = ArgInt("--seeds", 3);
    var group = ArgString("--group", "all");
    var setting = Generative.ML.Bench.Quality.QualityBenchmark.Setting.Parse(ArgString("--setting", "contaminated"));
    var suffix = setting.Name == "contaminated" ? "" : "-" + setting.Name;
    var detectors = Generative.ML.Bench.Quality.QualityVariants.Named(ArgString("--detectors", string.Join(",", Generative.ML.Bench.Quality.QualityVariants.Defaults)).Split(','));
    var root = FindRepoRoot();
    // --tasks a,b: only the tasks with these names (for experiments; the report's group means then cover those alone).
    var only = ArgString("--tasks", "").Split(',', StringSplitOptions.RemoveEmptyEntries);
    var tasks = Generative.ML.Bench.Quality.QualityBenchmark.Tasks(relative => Path.Combine(root, relative))
        .Where(t => (group == "all" || t.Group == group) && (only.Length == 0 || only.Contains(t.Name))).ToList();
    if (tasks.Count == 0) throw new ArgumentException($"No quality task matches --group {group} --tasks {string.Join(',', only)}.");
    var given = setting.Clean ? "fit on the training part without its anomalies" : setting.Labelled
        ? $"fit on the contaminated training part, {setting.KnownAnomalies} of its anomalies and {10 * setting.KnownAnomalies} normal rows labelled"
        : "fit on the contaminated training part";
    Console.WriteLine($"== quality ({setting.Name}): test AUROC of anomaly detectors on {tasks.Count} tasks, {seeds} seeds (60/40 stratified splits, standardised, {given}), {threads} threads");
    var work = Path.Combine(root, "artifacts", "bench", "quality-splits" + suffix);
    var results = Generative.ML.Bench.Quality.QualityBenchmark.Run(tasks, detectors, setting, seeds, threads, python,
        FindUp(Path.Combine("bench", "reference", "classical_detectors.py")), work, Console.WriteLine);
    var report = Generative.ML.Bench.Quality.QualityBenchmark.Report(results);
    var path = Path.Combine(root, "artifacts", "bench", $"quality{suffix}.md");
    File.WriteAllLines(path, new[] { $"# Anomaly-detection quality, {setting.Name} setting ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, `./build.sh bench {string.Join(' ', args)}`)", "",
        $"Mean test AUROC over seeds; detectors {given}. Defaults were chosen on the dev and real-dev tasks; holdout and real were not looked at while choosing.", "" }.Concat(report));
    Console.WriteLine();
    foreach (var l in report) Console.WriteLine(l);
    Console.WriteLine($"(written to {path})");
    var pictured = detectors[0].Name;
    var picture = Path.Combine(root, "artifacts", "bench", $"quality{suffix}.png");
    Generative.ML.Bench.Quality.QualityPlot.Save(picture, results, pictured);
    Console.WriteLine($"({pictured} against Isolation Forest, per task: {picture})");
    double Mean(string detector, string g) => results.Where(r => r.Detector == detector && (g == "all" || r.Group == g))
        .GroupBy(r => r.Task).Select(t => t.Average(r => r.Auroc)).DefaultIfEmpty(double.NaN).Average();
    foreach (var g in new[] { "dev", "real-dev", "holdout", "real" }.Where(g => tasks.Any(t => t.Group == g)))
        foreach (var d in detectors.Select(v => v.Name).Where(n => n.StartsWith("vae")))
            summary.Add(("quality, anomaly AUROC", $"{g}: {d} vs Isolation Forest (mean over tasks)", $"{Mean(d, g):F3} vs {Mean("isolation_forest", g):F3}", "above"));
}

// Runs a reference script; each JSON line it prints is one (batch, median ms).
(int batch, double median)[] RunReference(ProcessStartInfo p, bool passive)
{
    p.Environment.Remove("OMP_WAIT_POLICY");
    if (passive) p.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
    return ReferenceScript.Results(p, "python3-torch (and python3-onnx)")
        .Select(r => (r.TryGetProperty("batch", out var b) ? b.GetInt32() : 0, r.GetProperty("median_ms").GetDouble())).ToArray();
}


string ArgString(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

void Service()
{
    const int clients = 8, requests = 200, rowsPerRequest = 100;
    var dll = Path.Combine(FindRepoRoot(), "samples", "ScoringService", "bin", "Release", "net10.0", "ScoringService.dll");
    Console.WriteLine($"== service: samples/ScoringService on the loopback; {clients} clients x {requests} requests of {rowsPerRequest} rows (16 features)");
    var dir = Directory.CreateTempSubdirectory("gml-bench-service-").FullName;
    try {
        var r = ServiceBenchmark.Run(dll, dir, clients, requests, rowsPerRequest);
        Console.WriteLine($"{r.Requests} requests, {r.Errors} errors; {r.RowsPerSecond:N0} rows/s; latency p50 {r.P50Ms:F1} ms, p99 {r.P99Ms:F1} ms");
        summary.Add(("service, POST /score of 100 rows", "rows/s; p50 / p99 latency; errors",
                     $"{r.RowsPerSecond:N0}; {r.P50Ms:F1} / {r.P99Ms:F1} ms; {r.Errors} of {r.Requests}", "errors = 0"));
    } finally {
        Directory.Delete(dir, recursive: true);
    }
}

void Scale()
{
    var maxRows = ArgInt("--max-rows", 10_000_000);
    Console.WriteLine("== scale: VaeAnomalyScore with the default options on rows of 32 features; each size in its own process");
    Console.WriteLine($"{"rows",12} {"source",8} {"Fit s",8} {"peak RSS MB",12} {"fitted rows/s",14} {"Load rows/s",12} {"LoadBatched",12}");
    var measured = new List<(long rows, string source, double fit, double peak)>();
    var file = Path.Combine(Path.GetTempPath(), $"gml-scale-{Environment.ProcessId}.idv");
    try {
        var sizes = new List<(long rows, string source)>();
        for (long n = 100_000; n <= maxRows; n *= 10) sizes.Add((n, "lazy"));
        sizes.Add((Math.Min(maxRows, 10_000_000), "file"));
        foreach (var (n, source) in sizes) {
            var m = ScaleBenchmark.Measure(n, source, file);
            if (m is not var (fit, peak, fitted, loaded, batched)) {
                Console.WriteLine($"{n,12:N0} {source,8} failed");
                summary.Add(("scale", $"Fit on {n:N0} rows ({source})", "failed", "peak RSS < 1500 MB"));
                continue;
            }
            Console.WriteLine($"{n,12:N0} {source,8} {fit,8:F1} {peak,12:F0} {fitted,14:N0} {loaded,12:N0} {batched,12:N0}");
            measured.Add((n, source, fit, peak));
            summary.Add(("scale", $"Fit on {n:N0} rows ({source}): time, peak RSS", $"{fit:F1} s, {peak:F0} MB", "peak RSS < 1500 MB"));
            summary.Add(("scale", $"scoring after {n:N0}-row Fit: fitted / Load / LoadBatched rows/s", $"{fitted:N0} / {loaded:N0} / {batched:N0} ({batched / fitted:F2}x)",
                         "LoadBatched >= 0.8x fitted"));
        }
        var png = Path.Combine(FindRepoRoot(), "artifacts", "bench", "scale.png");
        Directory.CreateDirectory(Path.GetDirectoryName(png)!);
        ScaleBenchmark.Plot(png, measured);
        Console.WriteLine($"(plot: {png})");
    } finally {
        File.Delete(file);
    }
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
    var fromWorkingDirectory = Path.Combine(Directory.GetCurrentDirectory(), relative);
    if (File.Exists(fromWorkingDirectory)) return fromWorkingDirectory;
    throw new FileNotFoundException($"Could not find {relative} above {AppContext.BaseDirectory} or in the working directory.");
}

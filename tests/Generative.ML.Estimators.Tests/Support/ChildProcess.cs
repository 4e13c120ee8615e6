using System;
using System.IO;
using System.Linq;
using Generative.ML.Tests.Shared;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators.Tests.Support
{
    /// <summary>
    /// This assembly's entry point, for the tests that need a fresh process (`dotnet Generative.ML.Estimators.Tests.dll
    /// COMMAND ...`); the test host loads the assembly as a library and never calls it.
    /// </summary>
    public static class ChildProcess
    {
        public const string ScoreSaved = "score-saved", FitOnnx = "fit-onnx", CancelledFits = "cancelled-fits", SaveForever = "save-forever";

        /// <summary>A fit stopped by MLContext.CancelExecution() (even) or by the options' token (odd) at epoch 2, batch 2; true when it threw OperationCanceledException there.</summary>
        public static bool CancelledFit(int i)
        {
            var ml = new MLContext(seed: i);
            using var token = new System.Threading.CancellationTokenSource();
            var options = Quick.Vae(i);
            (int Epoch, int Batch) last = default;
            options.Progress = new SynchronousProgress<TrainingProgress>(p => {
                last = (p.Epoch, p.Batch);
                if (p.Epoch == 2 && p.Batch == 2) {
                    if (i % 2 == 0) ml.CancelExecution();
                    else token.Cancel();
                }
            });
            options.CancellationToken = token.Token;
            try {
                ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(ml.Data.LoadFromEnumerable(Rows.Normal(400, 3)));
                return false;
            } catch (OperationCanceledException) {
                return last == (2, 2);
            }
        }

        public sealed class TableRow
        {
            public float Age { get; set; }
            public string City { get; set; } = "";
        }

        /// <summary>Resident memory after a full garbage collection.</summary>
        public static long ResidentBytes()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var p = System.Diagnostics.Process.GetCurrentProcess();
            return p.WorkingSet64;
        }

        public sealed class Scored
        {
            public float Score { get; set; }
            public bool PredictedLabel { get; set; }
        }

        /// <summary>The rows both processes score.</summary>
        public static Row[] ScoringRows() => Rows.Normal(40, 11).Concat(Rows.Anomalies(10, 12)).ToArray();

        public static int Main(string[] args)
        {
            switch (args) {
                case [ScoreSaved, var zip, var output]: {
                        // Loads the saved pipeline and scores: nothing here touches the training side.
                        var ml = new MLContext();
                        var model = ml.Model.Load(zip, out _);
                        var scored = ml.Data.CreateEnumerable<Scored>(model.Transform(ml.Data.LoadFromEnumerable(ScoringRows())), reuseRowObject: false);
                        File.WriteAllLines(output, scored.Select(s => $"{BitConverter.SingleToInt32Bits(s.Score)} {s.PredictedLabel}"));
                        var torch = AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "TorchSharp");
                        Console.WriteLine($"torchsharp-loaded={torch}");
                        return 0;
                    }
                case [FitOnnx, var seed, var output]: {
                        var ml = new MLContext(seed: Environment.ProcessId);
                        var model = ml.Transforms.VaeAnomalyScore("Score", "Features", Quick.Vae(int.Parse(seed))).Fit(ml.Data.LoadFromEnumerable(Rows.Normal(300, 3)));
                        File.WriteAllBytes(output, model.OnnxModel);
                        return 0;
                    }
                case [CancelledFits, var count]: {
                        // Two cancelled fits to warm up (libtorch's and ONNX Runtime's one-time allocations), then the count measured.
                        for (var i = 0; i < 2; i++) CancelledFit(i);
                        var before = ResidentBytes();
                        var stopped = Enumerable.Range(2, int.Parse(count)).Count(CancelledFit);
                        Console.WriteLine($"stopped={stopped} before={before} after={ResidentBytes()}");
                        return 0;
                    }
                case [SaveForever, var path]: {
                        // Saves a table synthesizer over the same file until it is killed (the first save says so on stdout).
                        var ml = new MLContext(1);
                        var rows = Enumerable.Range(0, 200).Select(i => new TableRow { Age = 20 + i % 50, City = i % 3 == 0 ? "Lyon" : "Porto" });
                        using var synthesizer = ml.Data.FitTableSynthesizer(ml.Data.LoadFromEnumerable(rows), new TableSynthesizerOptions { Epochs = 2, Seed = 1, Threads = 1 });
                        for (var i = 0; ; i++) {
                            synthesizer.Save(path);
                            if (i == 0) Console.WriteLine("saved");
                        }
                    }
                default:
                    Console.Error.WriteLine($"usage: {ScoreSaved} ZIP OUTPUT | {FitOnnx} SEED OUTPUT | {CancelledFits} COUNT | {SaveForever} PATH");
                    return 2;
            }
        }

        /// <summary>Runs this assembly as a program; returns its standard output, failing the test on a non-zero exit.</summary>
        public static string Run(params string[] args) => TestAssemblyProcess.Run(typeof(ChildProcess).Assembly, args);
    }
}

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
        public const string ScoreSaved = "score-saved", FitOnnx = "fit-onnx";

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
                default:
                    Console.Error.WriteLine($"usage: {ScoreSaved} ZIP OUTPUT | {FitOnnx} SEED OUTPUT");
                    return 2;
            }
        }

        /// <summary>Runs this assembly as a program; returns its standard output, failing the test on a non-zero exit.</summary>
        public static string Run(params string[] args) => TestAssemblyProcess.Run(typeof(ChildProcess).Assembly, args);
    }
}

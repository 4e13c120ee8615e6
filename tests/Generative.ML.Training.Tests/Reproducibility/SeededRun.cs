using System;
using System.IO;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using Generative.ML.Training.Tests.Support;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Reproducibility
{
    /// <summary>
    /// A training run decided by one seed, run in a process of its own by <see cref="CrossProcessTests"/>: the test
    /// assembly's entry point runs it when started as `dotnet Generative.ML.Training.Tests.dll seeded-run SEED DIR`.
    /// Before building the model it draws from torch's generator a number of times that depends on the process, as an
    /// application would, so only the seed can make two runs agree.
    /// </summary>
    internal static class SeededRun
    {
        public const string Command = "seeded-run";

        public static void Run(int seed, string directory)
        {
            manual_seed(Environment.ProcessId);
            for (var i = 0; i < Environment.ProcessId % 7 + 1; i++) randn(13).Dispose();
            using var model = new VariationalAutoencoder(8, 2, new MlpArchitecture { HiddenSizes = new long[] { 16 }, Dropout = 0.1 });
            new Trainer(new TrainerOptions { Epochs = 3, BatchSize = 32, Seed = seed, Threads = 2, ValidationFraction = 0.2 }).Fit(model, Data());
            Directory.CreateDirectory(directory);
            var weights = Weights.Flat(model);
            var bytes = new byte[weights.Length * sizeof(float)];
            Buffer.BlockCopy(weights, 0, bytes, 0, bytes.Length);
            File.WriteAllBytes(Path.Combine(directory, "weights.f32"), bytes);
            OnnxExporter.Export(model).Save(directory);
        }

        static TrainingData Data()
        {
            var r = new Random(7);
            return TrainingData.FromMatrix(Enumerable.Range(0, 200 * 8).Select(_ => (float)Synthetic.Gaussian(r)).ToArray(), 8);
        }
    }

    internal static class EntryPoint
    {
        /// <summary>The test host loads this assembly as a library; only the cross-process and guard tests start it as a program.</summary>
        public static int Main(string[] args)
        {
            if (args.Length == 3 && args[0] == SeededRun.Command) {
                SeededRun.Run(int.Parse(args[1]), args[2]);
                return 0;
            }
            if (args.Length == 1 && args[0] == Platform.BrokenOneDnnRun.Command) return Platform.BrokenOneDnnRun.Run();
            Console.Error.WriteLine($"usage: {SeededRun.Command} SEED DIRECTORY | {Platform.BrokenOneDnnRun.Command}");
            return 2;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Onnx;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Generative.ML.Bench
{
    /// <summary>
    /// The exported VAE scorer (784-512-256-32 MLP) through Microsoft.ML.OnnxRuntime, timed per call the way the direct
    /// batch API uses it: an OrtValue over the caller's rows, one Run, outputs disposed.
    /// </summary>
    internal static class ScoringBenchmark
    {
        public const int Features = 784, Latent = 32, Rows = 1024;

        /// <summary>Exports the scorer and its input rows into <paramref name="directory"/>; returns (scorer.onnx, input.f32).</summary>
        public static (string model, string inputs) Prepare(string directory)
        {
            manual_seed(0);
            using var vae = new VariationalAutoencoder(Features, Latent, new MlpArchitecture { HiddenSizes = new long[] { 512, 256 } });
            vae.eval();
            var exported = OnnxExporter.Export(vae, new OnnxExportOptions { AnomalyThreshold = 1000 });
            Directory.CreateDirectory(directory);
            var model = Path.Combine(directory, "scorer.onnx");
            File.WriteAllBytes(model, exported.Scorer);
            var r = new Random(1);
            var x = new float[Rows * Features];
            for (var i = 0; i < x.Length; i++) x[i] = (float)r.NextDouble();
            var inputs = Path.Combine(directory, "input.f32");
            File.WriteAllBytes(inputs, System.Runtime.InteropServices.MemoryMarshal.AsBytes(x.AsSpan()).ToArray());
            return (model, inputs);
        }

        /// <summary>What the PyTorch reference computes too (it has no per-feature contributions).</summary>
        static readonly string[] Compared = { "reconstruction", "reconstruction_error", "negative_elbo", "score", "label" };

        public static float[] ReadFloats(string path) =>
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();

        /// <summary>Median milliseconds per call over <paramref name="rounds"/> rounds of about <paramref name="rowsPerRound"/> rows.</summary>
        public static double[] Time(InferenceSession session, float[] x, int batch, int rounds, int rowsPerRound)
        {
            var calls = Math.Max(1, rowsPerRound / batch);
            var memory = new Memory<float>(x, 0, batch * Features);
            var shape = new long[] { batch, Features };
            var inputNames = new[] { "x" };
            using var runOptions = new RunOptions();
            void Call()
            {
                using var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, memory, shape);
                using var outputs = session.Run(runOptions, inputNames, new[] { value }, Compared);
            }
            for (var i = 0; i < Math.Max(3, calls / 4); i++) Call();
            var times = new double[rounds];
            for (var round = 0; round < rounds; round++) {
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < calls; i++) Call();
                times[round] = watch.Elapsed.TotalMilliseconds / calls;
            }
            return times;
        }

        public static float[] Scores(InferenceSession session, float[] x)
        {
            using var value = OrtValue.CreateTensorValueFromMemory(x, new long[] { x.Length / Features, Features });
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, new[] { "x" }, new[] { value }, new[] { "score" });
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
    }
}

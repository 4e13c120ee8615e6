using System;
using System.IO;
using Generative.ML.Training.Tests.Support;

namespace Generative.ML.Training.Tests.Reproducibility
{
    /// <summary>Slow: one seed decides the weights and the exported ONNX bytes, whichever process trains.</summary>
    [Trait("Category", "EndToEnd")]
    public class CrossProcessTests : IDisposable
    {
        readonly string _root = Path.Combine(Path.GetTempPath(), $"gml-seeded-{Guid.NewGuid():N}");

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }

        [Fact]
        public void TwoProcessesWithTheSameSeedTrainTheSameWeightsAndExportTheSameBytes()
        {
            var first = RunInNewProcess(seed: 21, "first");
            var second = RunInNewProcess(seed: 21, "second");
            var other = RunInNewProcess(seed: 22, "other");
            foreach (var file in new[] { "weights.f32", "encoder.onnx", "decoder.onnx", "scorer.onnx" })
                Assert.True(File.ReadAllBytes(Path.Combine(first, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, file))),
                            $"{file} differs between two processes trained with the same seed.");
            Assert.False(File.ReadAllBytes(Path.Combine(first, "weights.f32")).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(other, "weights.f32"))),
                         "Another seed gave the same weights.");
        }

        string RunInNewProcess(int seed, string name)
        {
            var directory = Path.Combine(_root, name);
            ChildProcess.Run(SeededRun.Command, seed.ToString(), directory);
            return directory;
        }
    }
}

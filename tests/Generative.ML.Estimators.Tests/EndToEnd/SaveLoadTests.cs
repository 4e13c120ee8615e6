using System;
using System.IO;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Microsoft.ML;

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>Slow: a fitted pipeline saves with ML.NET, and loads and scores the same in a process without TorchSharp.</summary>
    [Trait("Category", "EndToEnd")]
    public class SaveLoadTests : IDisposable
    {
        readonly string _dir = Path.Combine(Path.GetTempPath(), $"gml-saveload-{Guid.NewGuid():N}");

        public SaveLoadTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Fact]
        public void SavedPipelineScoresIdenticallyInAFreshProcessThatNeverLoadsTorchSharp()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(400, 1));
            var pipeline = ml.Transforms.NormalizeMeanVariance("Features").Append(ml.Transforms.VaeAnomalyScore("Score", "Features", Quick.Vae()));
            var model = pipeline.Fit(train);
            var zip = Path.Combine(_dir, "model.zip");
            ml.Model.Save(model, train.Schema, zip);

            var here = ml.Data.CreateEnumerable<ChildProcess.Scored>(model.Transform(ml.Data.LoadFromEnumerable(ChildProcess.ScoringRows())), reuseRowObject: false)
                .Select(s => $"{BitConverter.SingleToInt32Bits(s.Score)} {s.PredictedLabel}").ToArray();
            var output = Path.Combine(_dir, "scores.txt");
            var stdout = ChildProcess.Run(ChildProcess.ScoreSaved, zip, output);

            Assert.Contains("torchsharp-loaded=False", stdout);
            Assert.Equal(here, File.ReadAllLines(output));
            Assert.Contains(here, l => l.EndsWith("True"));
        }

        [Fact]
        public void TheSameSeedGivesByteIdenticalOnnxInTwoProcesses()
        {
            string Fit(int seed, string name)
            {
                var path = Path.Combine(_dir, name);
                ChildProcess.Run(ChildProcess.FitOnnx, seed.ToString(), path);
                return path;
            }
            var a = File.ReadAllBytes(Fit(4, "a.onnx"));
            var b = File.ReadAllBytes(Fit(4, "b.onnx"));
            var c = File.ReadAllBytes(Fit(5, "c.onnx"));
            Assert.True(a.AsSpan().SequenceEqual(b), "Two processes with the same seed exported different ONNX bytes.");
            Assert.False(a.AsSpan().SequenceEqual(c), "Another seed exported the same bytes.");
        }
    }
}

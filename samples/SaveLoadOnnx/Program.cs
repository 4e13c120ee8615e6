using System;
using System.IO;
using System.Linq;
using Generative.ML;
using Generative.ML.Transformers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

// Save and load: the fitted pipeline saves as an ML.NET model zip that loads without TorchSharp, and the ONNX graphs
// can be scored from plain ONNX Runtime (or any ONNX runtime), with the same scores.
var random = new Random(9);
var rows = Enumerable.Range(0, 2000).Select(_ => {
    var t = (float)random.NextDouble();
    return new Row { Features = new[] { t, t * t, 1 - t, (float)(random.NextDouble() * 0.01) } };
}).ToArray();
var ml = new MLContext(seed: 1);
var data = ml.Data.LoadFromEnumerable(rows);
var model = ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { LatentSize = 2 }).Fit(data);

var zip = Path.Combine(Path.GetTempPath(), $"gml-sample-{Environment.ProcessId}.zip");
ml.Model.Save(model, data.Schema, zip);
var loaded = ml.Model.Load(zip, out _);
var fromZip = loaded.Transform(data).GetColumn<float>("Score").Take(100).ToArray();
File.Delete(zip);

// The scorer graph takes the input column by its name and gives one score per row.
using var session = new InferenceSession(model.Graphs.Scorer);
var x = rows.Take(100).SelectMany(r => r.Features).ToArray();
using var input = OrtValue.CreateTensorValueFromMemory(x, new long[] { 100, 4 });
using var runOptions = new RunOptions();
using var outputs = session.Run(runOptions, new[] { "Features" }, new[] { input }, new[] { ModelGraphs.ScoreOutputName });
var fromOnnx = outputs[0].GetTensorDataAsSpan<float>().ToArray();

var difference = fromZip.Zip(fromOnnx, (a, b) => Math.Abs(a - b)).Max();
Console.WriteLine($"Scores after Model.Load and from plain ONNX Runtime agree to {difference:G3} over 100 rows");
Console.WriteLine($"The scorer's inputs: {string.Join(", ", session.InputNames)}; outputs: {string.Join(", ", session.OutputNames)}");

sealed class Row
{
    [VectorType(4)] public float[] Features { get; set; } = Array.Empty<float>();
}

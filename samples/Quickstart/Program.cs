using System;
using System.Linq;
using Generative.ML;
using Microsoft.ML;
using Microsoft.ML.Data;

// The README's quickstart, on made-up sensor rows: three readings that move together, and a few rows where they do not.
var random = new Random(1);
Reading Row(bool anomaly)
{
    var level = (float)random.NextDouble() * 10;
    var noise = () => (float)(random.NextDouble() - 0.5) * 0.2f;
    return new Reading { A = level + noise(), B = 2 * level + noise(), C = anomaly ? 20 - level : level / 2 + noise(), Label = anomaly ? 1 : 0 };
}
var mlContext0 = new MLContext(seed: 1);
var train = mlContext0.Data.LoadFromEnumerable(Enumerable.Range(0, 2000).Select(i => Row(anomaly: i % 100 == 0)).ToArray());
var test = mlContext0.Data.LoadFromEnumerable(Enumerable.Range(0, 500).Select(i => Row(anomaly: i % 20 == 0)).ToArray());

// quickstart-begin
var mlContext = new MLContext(seed: 1);
var pipeline = mlContext.Transforms.Concatenate("Features", "A", "B", "C")
    .Append(mlContext.Transforms.NormalizeMeanVariance("Features"))
    .Append(mlContext.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { LatentSize = 2, Contamination = 0.01 }));
var model = pipeline.Fit(train);                      // trains through TorchSharp, exports ONNX, calibrates the threshold
var scored = model.Transform(test);                   // Score (Single), PredictedLabel (Boolean), FeatureContributions
var metrics = mlContext.AnomalyDetection.Evaluate(scored, labelColumnName: "Label");   // Label: Single, 1 = anomaly
mlContext.Model.Save(model, train.Schema, "model.zip");   // loads and scores in a process without TorchSharp
// quickstart-end

Console.WriteLine($"AUC {metrics.AreaUnderRocCurve:F3}, detection rate at the false-positive count {metrics.DetectionRateAtFalsePositiveCount:F3}");

sealed class Reading
{
    public float A { get; set; }
    public float B { get; set; }
    public float C { get; set; }
    public float Label { get; set; }
}

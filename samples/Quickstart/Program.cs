using Generative.ML;
using Microsoft.ML;
using Microsoft.ML.Data;

// 2,000 rows of four sensor readings that move together; every 50th row breaks the pattern.
var random = new Random(0);
var rows = Enumerable.Range(0, 2000).Select(i => {
    var t = (float)random.NextDouble();
    var noise = 0.02f * (float)random.NextDouble();
    var anomaly = i % 50 == 0;
    return new Reading {
        Features = new[] { t, 2 * t + noise, anomaly ? 1 - t * t : t * t, 1 - t },
        Label = anomaly ? 1 : 0,
    };
}).ToArray();

var mlContext = new MLContext(seed: 1);
var split = mlContext.Data.TrainTestSplit(mlContext.Data.LoadFromEnumerable(rows), testFraction: 0.3, seed: 1);

// Fit trains a VAE with TorchSharp, exports it to ONNX and sets the threshold from the training scores.
// No normaliser first: the model scales its inputs robustly inside its own graphs.
var model = mlContext.Transforms.VaeAnomalyScore("Score", "Features").Fit(split.TrainSet);
Console.WriteLine(model.ModelCard);

var metrics = mlContext.AnomalyDetection.Evaluate(model.Transform(split.TestSet), labelColumnName: "Label");
Console.WriteLine($"Test rows: AUC {metrics.AreaUnderRocCurve:F3}");

// Saved, the model loads in an app without TorchSharp; LoadBatched scores a block of rows per ONNX Runtime call.
mlContext.Model.Save(model, split.TrainSet.Schema, "model.zip");
var loaded = mlContext.Model.LoadBatched("model.zip", out _);
var scored = mlContext.Data.CreateEnumerable<Scored>(loaded.Transform(split.TestSet), reuseRowObject: false).ToList();
Console.WriteLine($"Reloaded: flags {scored.Count(s => s.PredictedLabel)} of {scored.Count} test rows, " +
                  $"{scored.Count(s => s.PredictedLabel && s.Label == 1)} of the {scored.Count(s => s.Label == 1)} planted anomalies among them");

class Reading
{
    [VectorType(4)] public float[] Features { get; set; } = [];
    public float Label { get; set; } // 1 = anomaly, as AnomalyDetection.Evaluate reads it
}

class Scored
{
    public float Label { get; set; }
    public float Score { get; set; }           // higher = more anomalous
    public bool PredictedLabel { get; set; }   // Score above the threshold
}

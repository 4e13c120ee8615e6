using System;
using System.Linq;
using Generative.ML;
using Microsoft.ML;
using Microsoft.ML.Data;

// Anomaly detection: fit on unlabelled rows, let the contamination rate calibrate the threshold, evaluate with ML.NET,
// and explain a flagged row by its per-feature contributions.
string[] names = { "temperature", "pressure", "flow", "vibration", "power", "speed" };
var random = new Random(5);
Machine Reading(bool faulty)
{
    var load = random.NextDouble();
    var values = new[] { 60 + 20 * load, 2 + load, 10 + 5 * load, 0.2 + 0.1 * load, 100 + 80 * load, 1000 + 400 * load }
        .Select(v => (float)(v * (1 + 0.01 * (random.NextDouble() - 0.5)))).ToArray();
    if (faulty) values[3] *= 3; // a bearing going: vibration far above what the load explains
    return new Machine { Features = values, Label = faulty ? 1 : 0 };
}
var ml = new MLContext(seed: 1);
var train = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 3000).Select(i => Reading(faulty: i % 50 == 0)).ToArray());
var test = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 1000).Select(i => Reading(faulty: i % 25 == 0)).ToArray());

// No normaliser: the model scales each feature robustly (median and interquartile range) inside its own graphs.
var model = ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { LatentSize = 2, Contamination = 0.02 }).Fit(train);
var scored = model.Transform(test);
var metrics = ml.AnomalyDetection.Evaluate(scored, labelColumnName: "Label");
Console.WriteLine($"AUC {metrics.AreaUnderRocCurve:F3}; detection rate at the false-positive count {metrics.DetectionRateAtFalsePositiveCount:F3}");

var flagged = ml.Data.CreateEnumerable<Scored>(scored, reuseRowObject: false).Where(s => s.PredictedLabel).OrderByDescending(s => s.Score).First();
// Each feature's part of the score, in nats (its negative log-likelihood; a well-explained feature can be below zero).
var top = flagged.FeatureContributions.Select((c, i) => (name: names[i], nats: c)).OrderByDescending(t => t.nats).Take(3);
Console.WriteLine($"The most anomalous row scores {flagged.Score:F1} nats; the features that add most: " +
                  string.Join(", ", top.Select(t => $"{t.name} ({t.nats:+0.0;-0.0} nats)")));

sealed class Machine
{
    [VectorType(6)] public float[] Features { get; set; } = Array.Empty<float>();
    public float Label { get; set; }
}

sealed class Scored
{
    public float Score { get; set; }
    public bool PredictedLabel { get; set; }
    public float[] FeatureContributions { get; set; } = Array.Empty<float>();
}

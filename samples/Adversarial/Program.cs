using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Generative.ML;
using Generative.ML.Transformers;
using Microsoft.ML;
using Microsoft.ML.Data;
using ScottPlot;
using Spectre.Console;

// Adversarial: a GAN, two adversarial autoencoders with a mixture prior (codes matched by a discriminator, or by the MMD),
// and a VQ-VAE learn the ring of 8 Gaussians through the ML.NET transforms. Training shows every part of each loss; loss curves and samples are written as PNGs.
var output = args.Length > 0 ? args[0] : "adversarial-output";
Directory.CreateDirectory(output);
const double Radius = 2, Std = 0.1;
var random = new Random(3);
double G() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
var centres = Enumerable.Range(0, 8).Select(k => (x: Radius * Math.Cos(k * Math.PI / 4), y: Radius * Math.Sin(k * Math.PI / 4))).ToArray();
var ring = Enumerable.Range(0, 4000).Select(_ => {
    var (x, y) = centres[random.Next(8)];
    return new Point { Features = new[] { (float)(x + Std * G()), (float)(y + Std * G()) } };
}).ToArray();
var ml = new MLContext(seed: 1);
var data = ml.Data.LoadFromEnumerable(ring);

var models = new (string name, Func<IProgress<TrainingProgress>, GenerativeEstimatorOptions> options, Func<GenerativeEstimatorOptions, IEstimator<GenerativeTransformer>> estimator)[] {
    ("GAN", p => Configure(new GanOptions(), p, epochs: 200), o => ml.Transforms.GanAnomalyScore("Score", "Features", (GanOptions)o)),
    // The prior N(0, I) is one connected blob, so the decoder passes between clusters inside it (about 45% of samples
    // off-mode here); with one mixture component per cluster it can pass in the gaps between components.
    ("AAE, mixture prior (8)", p => Configure(new AdversarialAutoencoderOptions { AdversarialWeight = 5, PriorComponents = 8 }, p, epochs: 300),
     o => ml.Transforms.AdversarialAutoencoderAnomalyScore("Score", "Features", (AdversarialAutoencoderOptions)o)),
    // The same prior with the codes matched by the MMD (WAE-MMD) instead: no game, and samples with the data's spread.
    ("AAE, mixture prior (8), MMD-matched", p => Configure(new AdversarialAutoencoderOptions {
        PriorComponents = 8, CodeMatching = Generative.ML.CodeMatching.MaximumMeanDiscrepancy }, p, epochs: 300),
     o => ml.Transforms.AdversarialAutoencoderAnomalyScore("Score", "Features", (AdversarialAutoencoderOptions)o)),
    ("VQ-VAE (16 codes, 2 stages)", p => Configure(new VectorQuantizedOptions { CodebookSize = 16, Stages = 2 }, p, epochs: 100),
     o => ml.Transforms.VectorQuantizedAnomalyScore("Score", "Features", (VectorQuantizedOptions)o)),
};

var samples = new List<(string name, float[][] points)>();
foreach (var (name, options, estimator) in models) {
    var history = new List<(int epoch, IReadOnlyDictionary<string, double> parts)>();
    GenerativeTransformer model = null!;
    AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()).Start(ctx => {
        var task = ctx.AddTask($"Training the {name}", maxValue: 1);
        var progress = new SynchronousProgress<TrainingProgress>(p => {
            if (!p.EpochCompleted) return;
            history.Add((p.Epoch, p.Parts));
            task.MaxValue = p.Epochs;
            task.Value = p.Epoch;
            task.Description = Markup.Escape($"{name}: epoch {p.Epoch}/{p.Epochs}, " + string.Join(", ", p.Parts.Select(kv => $"{kv.Key} {kv.Value:F3}")));
        });
        model = estimator(options(progress)).Fit(data);
    });
    var points = ml.Data.CreateEnumerable<Point>(model.Sample(ml, 2500, seed: 5), reuseRowObject: false).Select(p => p.Features).ToArray();
    var (covered, offMode) = Coverage(points);
    Console.WriteLine($"{name}: {covered} of 8 modes covered, {offMode:P1} of samples off-mode");
    samples.Add((name, points));
    LossPlot(Path.Combine(output, $"losses-{Slug(name)}.png"), name, history);
}
SamplePlot(Path.Combine(output, "samples.png"), ring.Select(r => r.Features).ToArray(), samples);
Console.WriteLine($"Wrote the loss curves and samples.png to {Path.GetFullPath(output)}");

// The same small networks for each model; two leaky-ReLU layers suit the adversarial games.
static GenerativeEstimatorOptions Configure(GenerativeEstimatorOptions o, IProgress<TrainingProgress> progress, int epochs)
{
    o.LatentSize = 2;
    o.HiddenSizes = new long[] { 128, 128 };
    o.Activation = Generative.ML.Activation.LeakyReLU;
    o.Epochs = epochs;
    o.BatchSize = 128;
    o.FeatureScaling = Generative.ML.ScalingKind.None;
    o.Seed = 1;
    o.Progress = progress;
    return o;
}

// A sample is on a mode within 3 standard deviations of its centre; a mode is covered with at least 2% of the samples.
(int covered, double offMode) Coverage(float[][] points)
{
    var counts = new int[8];
    var off = 0;
    foreach (var p in points) {
        var d = centres.Select(c => Math.Sqrt((p[0] - c.x) * (p[0] - c.x) + (p[1] - c.y) * (p[1] - c.y))).ToArray();
        var k = Array.IndexOf(d, d.Min());
        if (d[k] <= 3 * Std) counts[k]++;
        else off++;
    }
    return (counts.Count(c => c >= 0.02 * points.Length), (double)off / points.Length);
}

static string Slug(string name) => string.Concat(name.ToLowerInvariant().TakeWhile(c => c != '(').Select(c => char.IsLetterOrDigit(c) ? c : '-')).Trim('-');

static void LossPlot(string path, string name, List<(int epoch, IReadOnlyDictionary<string, double> parts)> history)
{
    var plot = new Plot();
    var x = history.Select(h => (double)h.epoch).ToArray();
    foreach (var part in history[0].parts.Keys)
        plot.Add.Scatter(x, history.Select(h => h.parts[part]).ToArray()).LegendText = part;
    plot.Title($"{name}: each part of the loss, per epoch");
    plot.XLabel("epoch");
    plot.YLabel("mean over the epoch's rows");
    plot.ShowLegend();
    plot.SavePng(path, 900, 560);
}

static void SamplePlot(string path, float[][] data, List<(string name, float[][] points)> samples)
{
    var plot = new Plot();
    var real = plot.Add.ScatterPoints(data.Select(p => (double)p[0]).ToArray(), data.Select(p => (double)p[1]).ToArray());
    real.LegendText = "training rows";
    real.MarkerSize = 3;
    foreach (var (name, points) in samples) {
        var s = plot.Add.ScatterPoints(points.Select(p => (double)p[0]).ToArray(), points.Select(p => (double)p[1]).ToArray());
        s.LegendText = $"{name} samples";
        s.MarkerSize = 2;
    }
    plot.Title("The ring of 8 Gaussians and 2,500 samples from each model");
    plot.XLabel("x1");
    plot.YLabel("x2");
    plot.ShowLegend();
    plot.SavePng(path, 900, 900);
}

sealed class Point
{
    [VectorType(2)] public float[] Features { get; set; } = Array.Empty<float>();
}

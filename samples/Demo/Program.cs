using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Generative.ML.Demo;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Objectives;
using Generative.ML.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

// The main job on the embedded default: on 8x8 "bars" images made by code, train an MLP autoencoder and a
// convolutional VAE with the trainer, show progress, and write a loss curve, reconstructions and VAE samples as PNGs
// under artifacts/demo/.
var epochs = args.Length > 0 ? int.Parse(args[0]) : 30;
const int rows = 4096, side = BarsDataset.Side, inputs = side * side;
var outDir = Path.GetFullPath(Path.Combine("artifacts", "demo"));
Directory.CreateDirectory(outDir);

var data = TrainingData.FromMatrix(BarsDataset.Make(rows, seed: 1), inputs);
using var heldOut = tensor(BarsDataset.Make(512, seed: 2), new long[] { 512, inputs });
var progress = new ActionProgress<TrainingProgress>(p => {
    if (!p.EpochCompleted) return;
    var parts = string.Join("  ", p.Parts.Select(kv => $"{kv.Key} {kv.Value:F4}"));
    Console.WriteLine($"  epoch {p.Epoch,3}/{p.Epochs}  loss {p.Loss:F5}  validation {p.ValidationLoss:F5}  {parts}  " +
                      $"({p.SamplesPerSecond:F0} rows/s, ETA {p.EstimatedTimeLeft.TotalSeconds:F0}s)");
});

manual_seed(42);
using var model = new Autoencoder(inputs, latentSize: 16, new MlpArchitecture { HiddenSizes = new long[] { 128, 64 } });
Console.WriteLine($"Autoencoder 64-128-64-16 on {rows} synthetic 8x8 bar images, {epochs} epochs (10% held out for validation)");
var history = new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = 128, LearningRate = 2e-3, ValidationFraction = 0.1, Seed = 7 })
    .Fit(model, data, progress);
var trainLoss = history.Epochs.Select(e => e.Loss).ToList();
var validLoss = history.Epochs.Select(e => e.ValidationLoss!.Value).ToList();

// The baseline a user compares against: predicting every pixel's mean.
double heldOutMse, baseline;
using (no_grad())
using (var r = model.Reconstruct(heldOut))
using (var err = nn.functional.mse_loss(r, heldOut)) heldOutMse = err.ToDouble();
using (var train = tensor(data.Features, new long[] { rows, inputs }))
using (var mean = train.mean(new long[] { 0 }, keepdim: true))
using (var diff = heldOut - mean)
using (var sq = diff.square())
using (var m = sq.mean()) baseline = m.ToDouble();
Console.WriteLine($"held-out MSE {heldOutMse:F5} vs {baseline:F5} for predicting the mean image ({baseline / heldOutMse:F1}x lower)");

manual_seed(43);
using var vae = new VariationalAutoencoder(inputs, latentSize: 8,
    new ConvArchitecture { Channels = 1, Height = side, Width = side, ConvChannels = new long[] { 16, 32 } },
    new VaeOptions { Likelihood = Likelihood.Bernoulli, Beta = BetaSchedule.LinearWarmup(1, warmupEpochs: 5) });
Console.WriteLine($"Convolutional VAE (Bernoulli, 8-d latent, KL warm-up over 5 epochs) on the same images, {epochs} epochs");
new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = 128, LearningRate = 2e-3, ValidationFraction = 0.1, Seed = 8 })
    .Fit(vae, data, progress);
var logLikelihood = Evidence.LogLikelihood(vae, heldOut, samples: 200).Average();
Console.WriteLine($"held-out log p(x) (IWAE, k = 200): {logLikelihood:F2} nats per image");

DrawLossCurve(Path.Combine(outDir, "loss.png"), trainLoss, validLoss);
DrawReconstructions(Path.Combine(outDir, "reconstructions.png"));
DrawSamples(Path.Combine(outDir, "vae-samples.png"));
Console.WriteLine($"wrote {outDir}/loss.png, reconstructions.png and vae-samples.png");

void DrawLossCurve(string path, List<double> a, List<double> b)
{
    var c = new Canvas(640, 360);
    const int left = 50, top = 20, w = 570, h = 300;
    c.Line(left, top + h, left + w, top + h, (0, 0, 0));
    c.Line(left, top, left, top + h, (0, 0, 0));
    var all = a.Concat(b).Select(v => Math.Log10(v)).ToArray();
    double lo = all.Min(), hi = all.Max();
    if (hi - lo < 1e-9) hi = lo + 1;
    void Curve(List<double> ys, (byte, byte, byte) color)
    {
        for (var i = 1; i < ys.Count; i++) {
            int X(int k) => left + (int)(w * k / (double)Math.Max(1, ys.Count - 1));
            int Y(int k) => top + (int)(h * (hi - Math.Log10(ys[k])) / (hi - lo));
            c.Line(X(i - 1), Y(i - 1), X(i), Y(i), color);
        }
    }
    Curve(a, (31, 119, 180));   // train: blue
    Curve(b, (255, 127, 14));   // held-out: orange
    c.Fill(left + w - 60, top + 5, 20, 4, (31, 119, 180));
    c.Fill(left + w - 60, top + 15, 20, 4, (255, 127, 14));
    c.Save(path);
}

void DrawReconstructions(string path)
{
    // Top row: held-out inputs; bottom row: their reconstructions.
    const int n = 12, scale = 6, pad = 4;
    using var x = heldOut.narrow(0, 0, n);
    float[] input, output;
    using (no_grad())
    using (var r = model.Reconstruct(x)) {
        input = x.data<float>().ToArray();
        output = r.data<float>().ToArray();
    }
    var c = new Canvas(n * (side * scale + pad) + pad, 2 * (side * scale + pad) + pad, 40);
    for (var k = 0; k < n; k++)
        for (var row = 0; row < 2; row++)
            for (var p = 0; p < inputs; p++) {
                var v = (byte)(255 * Math.Clamp(row == 0 ? input[k * inputs + p] : output[k * inputs + p], 0f, 1f));
                c.Fill(pad + k * (side * scale + pad) + p % side * scale, pad + row * (side * scale + pad) + p / side * scale, scale, scale, (v, v, v));
            }
    c.Save(path);
}

void DrawSamples(string path)
{
    // Eight rows of twelve new images drawn from the VAE's prior.
    const int n = 12, lines = 8, scale = 6, pad = 4;
    float[] pixels;
    manual_seed(3);
    using (no_grad())
    using (var samples = vae.Sample(n * lines)) pixels = samples.data<float>().ToArray();
    var c = new Canvas(n * (side * scale + pad) + pad, lines * (side * scale + pad) + pad, 40);
    for (var k = 0; k < n * lines; k++)
        for (var p = 0; p < inputs; p++) {
            var v = (byte)(255 * Math.Clamp(pixels[k * inputs + p], 0f, 1f));
            c.Fill(pad + k % n * (side * scale + pad) + p % side * scale, pad + k / n * (side * scale + pad) + p / side * scale, scale, scale, (v, v, v));
        }
    c.Save(path);
}

/// <summary>Reports on the training thread, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
sealed class ActionProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

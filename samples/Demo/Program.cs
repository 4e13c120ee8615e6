using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Generative.ML.Demo;
using Generative.ML.Training.Blocks;
using Generative.ML.Training.Models;
using static TorchSharp.torch;

// The main job on the embedded default: train an MLP autoencoder on 8x8 "bars" images made by code, show progress,
// and write a loss curve and a reconstruction grid as PNGs under artifacts/demo/.
var epochs = args.Length > 0 ? int.Parse(args[0]) : 30;
const int rows = 4096, batch = 128, side = BarsDataset.Side, inputs = side * side;
var outDir = Path.GetFullPath(Path.Combine("artifacts", "demo"));
Directory.CreateDirectory(outDir);

set_num_threads(Math.Max(1, Environment.ProcessorCount));
manual_seed(42);
using var train = tensor(BarsDataset.Make(rows, seed: 1), new long[] { rows, inputs });
using var heldOut = tensor(BarsDataset.Make(512, seed: 2), new long[] { 512, inputs });
using var model = new Autoencoder(inputs, new long[] { 128, 64 }, latentSize: 16, Activation.ReLU);
using var opt = optim.Adam(model.parameters(), lr: 2e-3, beta1: 0.9, beta2: 0.999);
using var shuffleGen = new Generator(7);

Console.WriteLine($"Autoencoder 64-128-64-16 on {rows} synthetic 8x8 bar images, {epochs} epochs, batch {batch}");
var trainLoss = new List<double>();
var validLoss = new List<double>();
var clock = Stopwatch.StartNew();
for (var epoch = 1; epoch <= epochs; epoch++) {
    model.train();
    double sum = 0;
    var batches = 0;
    using (var order = randperm(rows, shuffleGen)) {
        for (var start = 0; start < rows; start += batch) {
            using var scope = NewDisposeScope();
            var x = train.index_select(0, order.narrow(0, start, Math.Min(batch, rows - start)));
            opt.zero_grad();
            var loss = model.Loss(x);
            loss.backward();
            opt.step();
            sum += loss.ToDouble();
            batches++;
        }
    }
    model.eval();
    double valid;
    using (no_grad())
    using (var l = model.Loss(heldOut)) valid = l.ToDouble();
    trainLoss.Add(sum / batches);
    validLoss.Add(valid);
    var eta = clock.Elapsed.TotalSeconds / epoch * (epochs - epoch);
    Console.WriteLine($"epoch {epoch,3}/{epochs}  train MSE {sum / batches:F5}  held-out MSE {valid:F5}  ({clock.Elapsed.TotalSeconds:F1}s, ETA {eta:F0}s)");
}

// The baseline a user compares against: predicting every pixel's mean.
double baseline;
using (var mean = train.mean(new long[] { 0 }, keepdim: true))
using (var diff = heldOut - mean)
using (var sq = diff.square())
using (var m = sq.mean()) baseline = m.ToDouble();
Console.WriteLine($"held-out MSE {validLoss[^1]:F5} vs {baseline:F5} for predicting the mean image ({baseline / validLoss[^1]:F1}x lower)");

DrawLossCurve(Path.Combine(outDir, "loss.png"), trainLoss, validLoss);
DrawReconstructions(Path.Combine(outDir, "reconstructions.png"));
Console.WriteLine($"wrote {outDir}/loss.png and {outDir}/reconstructions.png");

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
    using (var r = model.call(x)) {
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

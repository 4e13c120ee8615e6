using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Generative.ML;
using Generative.ML.Estimators;
using Generative.ML.Transformers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Spectre.Console;

namespace Generative.ML.Demo
{
    /// <summary>
    /// The main job on the embedded digits, through the library's ML.NET face only: a VAE trained with one digit class
    /// held out, its anomaly scores evaluated on that class, encodings, reconstructions, samples and an interpolation,
    /// the model saved, reloaded and checked, and the PNGs a person would look at.
    /// </summary>
    public static class MainJob
    {
        public const int HeldOutClass = 9;

        public sealed record Result(double Auc, double HeldOutNegativeElbo, double HeldOutIwaeLogLikelihood, double ReconstructionError,
                                    string OutputDirectory, IReadOnlyList<string> Files);

        sealed class Scored
        {
            public float Score { get; set; }
            public bool PredictedLabel { get; set; }
        }

        sealed class Encoded
        {
            public float[] Latent { get; set; } = Array.Empty<float>();
            public int Class { get; set; }
        }

        sealed class Reconstructed
        {
            [VectorType(Digit.Pixels)] public float[] Features { get; set; } = Array.Empty<float>();
            public float[] Reconstruction { get; set; } = Array.Empty<float>();
        }

        sealed class Sampled
        {
            public float[] Features { get; set; } = Array.Empty<float>();
        }

        public static Result Run(int epochs, string outputDirectory)
        {
            Directory.CreateDirectory(outputDirectory);
            var files = new List<string>();
            string Out(string name) { var p = Path.Combine(outputDirectory, name); files.Add(p); return p; }

            var ml = new MLContext(seed: 1);
            var all = Digits.Load(HeldOutClass);
            var normal = all.Where(d => d.Class != HeldOutClass).ToArray();
            var heldOut = all.Where(d => d.Class == HeldOutClass).ToArray();
            new Random(1).Shuffle(normal);
            var trainRows = normal[..(int)(normal.Length * 0.8)];
            var testRows = normal[trainRows.Length..];
            var train = ml.Data.LoadFromEnumerable(trainRows);
            AnsiConsole.MarkupLine($"[bold]Digits[/]: {all.Count} 8x8 images; training on {trainRows.Length} of the digits 0-8, " +
                                   $"testing on {testRows.Length} more and on the {heldOut.Length} images of digit {HeldOutClass}, never seen in training.");

            var epochLog = new List<(int, double, double?, IReadOnlyDictionary<string, double>)>();
            VariationalAutoencoderOptions Options(AnomalyScoreKind score, IProgress<TrainingProgress>? progress) => new() {
                LatentSize = 2, HiddenSizes = new long[] { 256, 128 }, Likelihood = Likelihood.Bernoulli, Epochs = epochs, BatchSize = 64,
                LearningRate = 2e-3, ValidationFraction = 0.1, Seed = 1, Contamination = 0.05, Score = score, Progress = progress,
            };

            GenerativeTransformer model = null!;
            AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx => {
                    var task = ctx.AddTask("Training the VAE (2-d latent, Bernoulli)", maxValue: epochs);
                    var progress = new SynchronousProgress<TrainingProgress>(p => {
                        if (p.Notice is not null) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(p.Notice)}[/]");
                        if (!p.EpochCompleted) return;
                        epochLog.Add((p.Epoch, p.Loss, p.ValidationLoss, p.Parts));
                        task.Value = p.Epoch;
                        task.Description = $"Training the VAE: epoch {p.Epoch}/{p.Epochs}, loss {p.Loss:F2}, validation {p.ValidationLoss:F2}";
                    });
                    model = ml.Transforms.VaeAnomalyScore("Score", "Features", Options(AnomalyScoreKind.NegativeElbo, progress)).Fit(train);
                });

            // Held-out evidence: the negative ELBO is the model's score; the importance-weighted bound comes from the same
            // training (same seed, so the same weights) scored by IWAE.
            var test = ml.Data.LoadFromEnumerable(testRows);
            var negativeElbo = ml.Data.CreateEnumerable<Scored>(model.Transform(test), false).Average(s => s.Score);
            var iwaeModel = ml.Transforms.VaeAnomalyScore("Score", "Features", Options(AnomalyScoreKind.ImportanceWeightedNll, null)).Fit(train);
            var iwaeLogLikelihood = -ml.Data.CreateEnumerable<Scored>(iwaeModel.Transform(test), false).Average(s => s.Score);

            var reconstructed = ml.Data.CreateEnumerable<Reconstructed>(model.Reconstruct("Reconstruction").Transform(test), false).ToArray();
            var reconstructionError = reconstructed.Average(r => r.Features.Zip(r.Reconstruction, (a, b) => (a - b) * (a - b)).Average());

            var mixed = ml.Data.LoadFromEnumerable(testRows.Concat(heldOut).ToArray());
            var scoredMixed = model.Transform(mixed);
            var metrics = ml.AnomalyDetection.Evaluate(scoredMixed, labelColumnName: "Label");
            var scores = ml.Data.CreateEnumerable<Scored>(scoredMixed, false).ToArray();
            var flaggedNormal = scores.Take(testRows.Length).Count(s => s.PredictedLabel) / (double)testRows.Length;
            var flaggedHeldOut = scores.Skip(testRows.Length).Count(s => s.PredictedLabel) / (double)heldOut.Length;

            var table = new Table().AddColumns("measure", "value");
            void Row(string measure, string value) => table.AddRow(Markup.Escape(measure), Markup.Escape(value));
            Row("held-out reconstruction error (MSE, pixels in [0, 1])", $"{reconstructionError:F4}");
            Row("held-out negative ELBO at z = posterior mean (the anomaly score)", $"{negativeElbo:F2} nats per image");
            Row("held-out log-likelihood (IWAE, 64 draws)", $"{iwaeLogLikelihood:F2} nats per image");
            Row($"anomaly AUC, digit {HeldOutClass} vs digits 0-8 (AnomalyDetection.Evaluate)", $"{metrics.AreaUnderRocCurve:F3}");
            Row("flagged by the calibrated threshold", $"{flaggedHeldOut:P0} of digit {HeldOutClass}, {flaggedNormal:P0} of normal digits");
            AnsiConsole.Write(table);

            // Save, reload, and check the reloaded pipeline scores the same; the ONNX graphs beside it.
            var zip = Out("model.zip");
            ml.Model.Save(model, train.Schema, zip);
            var reloaded = ml.Model.Load(zip, out _);
            var again = ml.Data.CreateEnumerable<Scored>(reloaded.Transform(mixed), false).Select(s => s.Score).ToArray();
            var worst = scores.Zip(again, (a, b) => Math.Abs(a.Score - b)).Max();
            if (worst > 1e-4 * Math.Max(1, scores.Max(s => Math.Abs(s.Score))))
                throw new InvalidOperationException($"The reloaded model scores differently (by up to {worst}).");
            AnsiConsole.MarkupLine($"Saved [bold]{Markup.Escape(zip)}[/]; reloaded, it scores the same {again.Length} images (largest difference {worst:G3}).");
            foreach (var (name, bytes) in new[] { ("encoder", model.Graphs.Encoder), ("decoder", model.Graphs.Decoder), ("scorer", model.Graphs.Scorer),
                                                  ("sampler", model.Graphs.Sampler!) })
                File.WriteAllBytes(Out($"{name}.onnx"), bytes);

            // The pictures.
            Plots.Losses(Out("loss.png"), epochLog);
            var encoded = ml.Data.CreateEnumerable<Encoded>(model.Encode("Latent").Transform(mixed), false)
                .Select(e => (e.Latent, e.Class, e.Class == HeldOutClass)).ToArray();
            Plots.LatentMap(Out("latent.png"), encoded);
            var samples = ml.Data.CreateEnumerable<Sampled>(model.Sample(ml, 64, seed: 7), false).Select(s => s.Features).ToArray();
            Plots.ImageGrid(Out("samples.png"), "64 digits generated by the VAE (z ~ N(0, I))", "sample", "sample", samples, 8);
            var pairs = reconstructed.Take(10).Select(r => r.Features).Concat(reconstructed.Take(10).Select(r => r.Reconstruction)).ToArray();
            Plots.ImageGrid(Out("reconstructions.png"), "Held-out digits (top) and their reconstructions (bottom)", "digit", "",
                            pairs, 10);
            var from = encoded.First(e => e.Class == 0).Latent;
            var to = encoded.First(e => e.Class == 7).Latent;
            var path = Enumerable.Range(0, 10).SelectMany(i => from.Zip(to, (a, b) => a + (b - a) * i / 9f)).ToArray();
            float[] decoded;
            using (var batch = model.CreateBatchScorer()) decoded = batch.Decode(path);
            Plots.ImageGrid(Out("interpolation.png"), "From a 0 to a 7: decoding a straight line in latent space", "step", "",
                            Enumerable.Range(0, 10).Select(i => decoded[(i * Digit.Pixels)..((i + 1) * Digit.Pixels)]).ToArray(), 10);
            Plots.ScoreHistogram(Out("scores.png"), scores.Take(testRows.Length).Select(s => s.Score).ToArray(),
                                 scores.Skip(testRows.Length).Select(s => s.Score).ToArray(), model.AnomalyThreshold, HeldOutClass);

            AnsiConsole.MarkupLine($"[bold]Wrote[/] to {Markup.Escape(outputDirectory)}:");
            foreach (var f in files) AnsiConsole.MarkupLine($"  {Markup.Escape(Path.GetFileName(f))}");
            return new Result(metrics.AreaUnderRocCurve, negativeElbo, iwaeLogLikelihood, reconstructionError, outputDirectory, files);
        }
    }
}

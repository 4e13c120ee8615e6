using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using Generative.ML;
using Generative.ML.Cli;
using Generative.ML.Estimators;
using Generative.ML.Graphs;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Spectre.Console;

// gml: autoencoders and VAEs for CSV files. Every command reads or writes one model zip made by `gml train`.
var data = new Option<string>("--data") { Description = "CSV file with a header line", Required = true };
var model = new Option<string>("--model") { Description = "the model zip (written by train, read by the others)", Required = true };
var output = new Option<string>("--out") { Description = "where to write the result (a CSV file; a folder for export)", Required = true };
var columns = new Option<string?>("--columns") { Description = "comma-separated feature columns (default: every numeric column)" };
var kind = new Option<string>("--kind") {
    Description = string.Join(", ", Generative.ML.Training.Models.ModelFamilies.All.Select(f => $"{f.Name} ({f.Description})")),
    DefaultValueFactory = _ => "vae",
};
kind.AcceptOnlyFromAmong(Generative.ML.Training.Models.ModelFamilies.All.Select(f => f.Name).ToArray());
var latent = new Option<int?>("--latent") { Description = "size of the latent code (default: a quarter of the column count, 2 to 16; table models 8)" };
var epochs = new Option<int?>("--epochs") { Description = "training epochs (default: about 4,000 steps, between 10 and 300 epochs; table models about 10,000 steps, at most 600 epochs)" };
var seed = new Option<int>("--seed") { Description = "seed: the same seed gives the same model", DefaultValueFactory = _ => 0 };
var contamination = new Option<double>("--contamination") { Description = "expected share of anomalies in the training rows (sets the threshold)", DefaultValueFactory = _ => 0.05 };
var priorComponents = new Option<int>("--prior-components") {
    Description = "aae and wae: 1 for the prior N(0, I), K for a mixture of K Gaussians (one per cluster of the data)", DefaultValueFactory = _ => 1,
};
var condition = new Option<string?>("--condition") { Description = "tables: a categorical column to generate rows under (sample --where column=value)" };
var categorical = new Option<string?>("--categorical") { Description = "tables: comma-separated integer columns that are codes, not counts" };
var where = new Option<string?>("--where") { Description = "table models trained with --condition: column=value for every generated row" };
var real = new Option<string>("--real") { Description = "the real table (CSV)", Required = true };
var synthetic = new Option<string>("--synthetic") { Description = "the synthetic table (CSV) with the real table's columns", Required = true };
var count = new Option<int>("--count") { Description = "how many rows to generate", DefaultValueFactory = _ => 100 };
var hidden = new Option<string?>("--hidden") { Description = "the encoder's hidden widths, comma-separated, such as 64,32 (default: from the column count; tables 128,128)" };
var batchSize = new Option<int?>("--batch-size") { Description = "rows per optimizer step (default: 64; 32 for a mixed table)" };
var learningRate = new Option<double?>("--learning-rate") { Description = "Adam's step size, above 0 and at most 1 (default: 0.001)" };
var scoreKind = new Option<string?>("--score") {
    Description = "vae and vaegan: the anomaly score: elbo (the default), error, iwae, mahalanobis, neighbours or tightness (docs/anomaly-detection.md)",
};
scoreKind.AcceptOnlyFromAmong(TrainFlags.Scores.Keys.ToArray());
var threads = new Option<int?>("--threads") { Description = "torch's threads while training (default: torch's own choice)" };
var label = new Option<string?>("--label") {
    Description = "a column of known anomalies: 1 or true (an anomaly: left out of training), 0 or false (known normal), blank (unknown); the score is chosen by them",
};
var clean = new Option<bool>("--clean") { Description = "the training rows are known to be normal: train on every one (no trimming)" };
var targetRecall = new Option<double?>("--target-recall") { Description = "with --label: set the threshold to flag this share of the known anomalies" };
var targetPrecision = new Option<double?>("--target-precision") { Description = "with --label: the lowest threshold at which this share of flagged labelled rows are known anomalies" };
var json = new Option<bool>("--json") { Description = "print one JSON object summing up the result, instead of a sentence, for scripts" };
// Ctrl+C stops training at the next batch: nothing is written, and gml exits with 130.
var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => {
    e.Cancel = true;
    cancel.Cancel();
};

var train = new Command("train", "Train on a CSV file and save the model (normalisation included) in one zip; a table with text or blank " +
                                 "cells trains a table VAE that generates and scores rows in the table's own columns") {
    data, columns, kind, latent, epochs, seed, contamination, priorComponents, condition, categorical, hidden, batchSize, learningRate, scoreKind, threads,
    label, clean, targetRecall, targetPrecision, json, output,
};
train.SetAction(r => Run(() => {
    Json.Enabled = r.GetValue(json);
    var flags = new TrainFlags(r.GetValue(latent), r.GetValue(epochs), r.GetValue(seed), r.GetValue(contamination), r.GetValue(hidden), r.GetValue(batchSize),
                               r.GetValue(learningRate), r.GetValue(threads), r.GetValue(scoreKind), cancel.Token);
    flags.Check();
    var anomaly = new AnomalyFlags(r.GetValue(label), r.GetValue(clean), r.GetValue(targetRecall), r.GetValue(targetPrecision));
    anomaly.Check();
    if (anomaly.Label is string labelName && Split(r.GetValue(columns)) is { } listed && listed.Contains(labelName))
        throw new UsageException($"--label {labelName} is also in --columns: the label column cannot be a feature.");
    var components = r.GetValue(priorComponents);
    if (components < 1) throw new UsageException($"--prior-components must be at least 1; got {components}.");
    if (components > 1 && r.GetValue(kind) is not ("aae" or "wae"))
        throw new UsageException($"--prior-components is for --kind aae or wae; a {r.GetValue(kind)} has no choice of prior.");
    if (flags.Score is not null && Generative.ML.Training.Models.ModelFamilies.Find(r.GetValue(kind)!).Create() is not VariationalAutoencoderOptions)
        throw new UsageException($"--score is for --kind vae or vaegan; a {r.GetValue(kind)} scores by its own rule.");
    // Text or blank cells (or a column to generate under) make it a table: no column is left out without a word.
    // The label column is not a feature: with --label and no --columns, every other column is.
    var featureColumns = Split(r.GetValue(columns))
        ?? (anomaly.Label is string l ? CsvTable.Header(r.GetValue(data)!).Where(c => c != l).ToList() : null);
    if (anomaly.Label is string named && CsvTable.Header(r.GetValue(data)!) is var header && !header.Contains(named))
        throw new CliException($"{r.GetValue(data)}: no column '{named}' (--label); the header has {string.Join(", ", header.Select(c => $"'{c}'"))}.");
    if (r.GetValue(condition) is not null || r.GetValue(categorical) is not null || Generative.ML.Transformers.Tables.TableCsv.HasTextOrBlanks(r.GetValue(data)!, featureColumns)) {
        if (anomaly.Any)
            throw new CliException($"{r.GetValue(data)} has text or blank cells: it trains a table VAE, and --label / --clean / --target-recall / --target-precision " +
                                   "are for numeric columns. Pass --columns with numeric columns only to train an anomaly detector on them.");
        if (r.GetValue(kind) != "vae" || r.GetValue(priorComponents) != 1 || flags.Score is not null)
            throw new CliException($"{r.GetValue(data)} has text or blank cells: it trains a table VAE, and --kind {r.GetValue(kind)} / --prior-components / --score " +
                                     "are for numeric columns. Pass --columns with numeric columns only to train that kind.");
        var rows = TableCommands.Train(r.GetValue(data)!, Split(r.GetValue(columns)), Split(r.GetValue(categorical)), r.GetValue(condition), flags,
                                       r.GetValue(output)!, quiet: r.GetValue(json));
        if (r.GetValue(json)) Json.Print(new { command = "train", model = r.GetValue(output), table = true, rows });
        return;
    }
    var table = CsvTable.Read(r.GetValue(data)!, Split(r.GetValue(columns)), except: anomaly.Label);
    // Sizes and epochs left unset are the library's automatic ones, from the column and row counts.
    var settings = new ModelFile.Settings(r.GetValue(kind)!, flags, null, r.GetValue(priorComponents)) {
        Anomaly = anomaly, Labels = anomaly.Label is string labelColumn ? CsvTable.ReadLabels(r.GetValue(data)!, labelColumn) : null,
    };
    if (r.GetValue(json)) {
        var card = ModelFile.Train(table, r.GetValue(output)!, settings);
        Json.Print(new {
            command = "train", model = r.GetValue(output), table = false, rows = table.Rows.Count, columns = table.Columns, kind = settings.Kind,
            epochs = card.Epochs, steps = card.Steps, seed = card.Seed, threshold = card.AnomalyThreshold, contamination = card.Contamination,
            finalLoss = card.History.Count > 0 ? card.History[^1].Loss : (double?)null
        });
        return;
    }
    AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()).Start(ctx => {
        var epochCount = new VariationalAutoencoderOptions { Epochs = flags.Epochs, BatchSize = flags.BatchSize ?? 64 }.EpochsFor(table.Rows.Count);
        var title = $"Training a {settings.Kind} on {table.Rows.Count} rows of {table.Columns.Length} columns";
        var task = ctx.AddTask(title, maxValue: epochCount);
        // Each part of the loss (reconstruction, kl, codebook, commitment, generator, discriminator, mmd) as the epoch ends.
        var progress = new SynchronousProgress<TrainingProgress>(p => {
            if (p.Notice is not null) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(p.Notice)}[/]");
            if (!p.EpochCompleted) return;
            task.Value = p.Epoch;
            task.Description = Markup.Escape($"{title}: epoch {p.Epoch}, loss {p.Loss:G4} ({string.Join(", ", p.Parts.Select(kv => $"{kv.Key} {kv.Value:G3}"))})");
        });
        ModelFile.Train(table, r.GetValue(output)!, settings with { Progress = progress });
    });
    Console.WriteLine($"Trained on {string.Join(", ", table.Columns)}; wrote {r.GetValue(output)}");
}));

var score = new Command("score", "Anomaly score, label and the most anomalous column of each row") { model, data, json, output };
score.SetAction(r => Run(() => {
    Json.Enabled = r.GetValue(json);
    if (TableCommands.IsTableModel(r.GetValue(model)!)) {
        TableCommands.Score(r.GetValue(model)!, r.GetValue(data)!, r.GetValue(output)!);
        return;
    }
    var m = ModelFile.Load(r.GetValue(model)!);
    // Per-feature contributions come from the reconstruction: a model without an encoder (the GAN) has none, and no TopFeature.
    var header = m.Columns.Concat(m.CanEncode ? new[] { "Score", "PredictedLabel", "TopFeature" } : new[] { "Score", "PredictedLabel" }).ToArray();
    long flagged = 0;
    var rows = StreamRows(m, r.GetValue(data)!, r.GetValue(output)!, header, "scored", (chunk, view) => {
        var scores = Floats(view, "Score");
        var labels = Read<bool>(view, "PredictedLabel");
        var contributions = m.CanEncode ? Vectors(view, "FeatureContributions") : null;
        flagged += labels.Count(l => l);
        return chunk.Select((row, i) => row.Select(x => CsvTable.Number(x))
            .Concat(new[] { CsvTable.Number(scores[i]), labels[i].ToString() })
            .Concat(contributions is null ? Array.Empty<string>() : new[] { m.Columns[Array.IndexOf(contributions[i], contributions[i].Max())] }));
    });
    Json.Say($"Scored {rows} rows ({flagged} flagged); wrote {r.GetValue(output)}",
             new { command = "score", model = r.GetValue(model), output = r.GetValue(output), rows, flagged });
}));

var encode = new Command("encode", "The latent code of each row") { model, data, json, output };
encode.SetAction(r => Run(() => {
    Json.Enabled = r.GetValue(json);
    if (TableCommands.IsTableModel(r.GetValue(model)!))
        throw new CliException($"{r.GetValue(model)} is a table model: it generates (sample) and scores (score) rows; encode is for models of numeric columns.");
    var m = ModelFile.Load(r.GetValue(model)!);
    if (!m.CanEncode) throw new CliException($"{r.GetValue(model)}: a GAN has no encoder; it samples (sample) and scores (score) rows.");
    var rows = StreamRows(m, r.GetValue(data)!, r.GetValue(output)!, Enumerable.Range(1, m.LatentSize).Select(i => $"z{i}").ToArray(), "encoded",
                          (_, view) => Vectors(view, ModelFile.Latent).Select(c => c.Select(x => CsvTable.Number(x))));
    Json.Say($"Encoded {rows} rows; wrote {r.GetValue(output)}",
             new { command = "encode", model = r.GetValue(model), output = r.GetValue(output), rows, latentSize = m.LatentSize });
}));

var reconstruct = new Command("reconstruct", "Each row as the model reconstructs it, in the CSV's units") { model, data, json, output };
reconstruct.SetAction(r => Run(() => {
    Json.Enabled = r.GetValue(json);
    if (TableCommands.IsTableModel(r.GetValue(model)!))
        throw new CliException($"{r.GetValue(model)} is a table model: it generates (sample) and scores (score) rows; reconstruct is for models of numeric columns.");
    var m = ModelFile.Load(r.GetValue(model)!);
    if (!m.CanEncode) throw new CliException($"{r.GetValue(model)}: a GAN has no encoder, so it reconstructs nothing; it samples (sample) and scores (score) rows.");
    // The model's graphs scale rows in and reconstructions back out: these are in the CSV's units already.
    var rows = StreamRows(m, r.GetValue(data)!, r.GetValue(output)!, m.Columns, "reconstructed",
                          (_, view) => Vectors(view, ModelFile.Reconstruction).Select(v => v.Select((x, j) => CsvTable.Number(x, m.Decimals[j]))));
    Json.Say($"Reconstructed {rows} rows; wrote {r.GetValue(output)}",
             new { command = "reconstruct", model = r.GetValue(model), output = r.GetValue(output), rows });
}));

var sample = new Command("sample", "Generate new rows (every kind but ae): the same seed gives the same rows, a new seed new ones") {
    model, count, seed, where, json, output,
};
sample.SetAction(r => Run(() => {
    Json.Enabled = r.GetValue(json);
    if (r.GetValue(count) is < 1 or > 100_000_000) throw new UsageException($"--count must be from 1 to 100,000,000; got {r.GetValue(count)}.");
    if (r.GetValue(seed) < 0) throw new UsageException($"--seed must be 0 or more; got {r.GetValue(seed)}.");
    if (TableCommands.IsTableModel(r.GetValue(model)!)) {
        TableCommands.Sample(r.GetValue(model)!, r.GetValue(count), r.GetValue(seed), r.GetValue(where), r.GetValue(output)!);
        return;
    }
    if (r.GetValue(where) is not null) throw new UsageException("--where is for table models trained with --condition.");
    var m = ModelFile.Load(r.GetValue(model)!);
    if (!m.CanSample)
        throw new CliException($"{r.GetValue(model)}: a plain autoencoder cannot sample; train with --kind " +
                               string.Join(", ", Generative.ML.Training.Models.ModelFamilies.All.Where(f => f.Capabilities.HasFlag(Generative.ML.Training.Models.ModelCapabilities.Sample)).Select(f => f.Name)) + ".");
    var n = r.GetValue(count);
    // Row i of run --seed s draws from the 64-bit seed s * 2^32 + i: distinct for every row of every run.
    var seeds = Enumerable.Range(0, n).Select(i => ((long)r.GetValue(seed) << 32) + i).ToArray();
    var rows = Vectors(ModelFile.Transform(m, Enumerable.Repeat(new float[m.Columns.Length], n).ToArray(), seeds), ModelFile.Generated);
    CsvTable.Write(r.GetValue(output)!, m.Columns, rows.Select(v => v.Select((x, j) => CsvTable.Number(x, m.Decimals[j])).ToArray()));
    Json.Say($"Generated {n} rows; wrote {r.GetValue(output)}",
             new { command = "sample", model = r.GetValue(model), output = r.GetValue(output), rows = n, seed = r.GetValue(seed) });
}));

var export = new Command("export", "Write the model's ONNX graphs (encoder, decoder, scorer, sampler) into a folder") { model, output };
export.SetAction(r => Run(() => {
    if (TableCommands.IsTableModel(r.GetValue(model)!)) {
        TableCommands.Export(r.GetValue(model)!, r.GetValue(output)!);
        return;
    }
    ModelFile.Load(r.GetValue(model)!);
    Directory.CreateDirectory(r.GetValue(output)!);
    foreach (var (name, bytes) in ModelFile.Graphs(r.GetValue(model)!)) Generative.ML.Graphs.AtomicFile.WriteAllBytes(Path.Combine(r.GetValue(output)!, name), bytes);
    Console.WriteLine($"Wrote the ONNX graphs to {r.GetValue(output)}");
}));

var inspect = new Command("inspect", "What a model was trained on and what it is") { model };
inspect.SetAction(r => Run(() => {
    if (TableCommands.IsTableModel(r.GetValue(model)!)) {
        TableCommands.Inspect(r.GetValue(model)!);
        return;
    }
    var m = ModelFile.Load(r.GetValue(model)!);
    Console.WriteLine($"columns: {string.Join(", ", m.Columns)}");
    var scorer = ModelFile.Graphs(r.GetValue(model)!).Single(g => g.Name == $"{GraphContract.ScorerGraph}.onnx").Bytes;
    using var session = new InferenceSession(scorer);
    var metadata = session.ModelMetadata.CustomMetadataMap;
    foreach (var (key, value) in metadata.Where(kv => kv.Key != "model_card").OrderBy(kv => kv.Key)) Console.WriteLine($"{key}: {value}");
    if (Generative.ML.Transformers.ModelCard.FromJson(metadata.GetValueOrDefault("model_card")) is { } card) {
        Console.WriteLine($"model card: {card}");
        Console.WriteLine($"trained with: {string.Join(", ", card.Versions.Select(kv => $"{kv.Key} {kv.Value}"))}");
        if (card.History.Count > 0)
            Console.WriteLine($"loss: epoch 1 {card.History[0].Loss:G5}, epoch {card.History[^1].Epoch} {card.History[^1].Loss:G5}" +
                              (card.BestEpoch is int best ? $"; best epoch {best}" : "") + (card.StoppedEarly ? " (stopped early)" : ""));
    }
}));

var heldOut = new Option<string?>("--held-out") {
    Description = "real rows the model never saw (CSV, the real table's columns): checks whether synthetic rows are near-copies of the training rows",
};
var report = new Command("report", "Synthetic data quality: column shapes, pair trends, detectability and, with --held-out, privacy, as report.md and PNGs") {
    real, synthetic, heldOut, seed, output,
};
report.SetAction(r => Run(() => TableCommands.Report(r.GetValue(real)!, r.GetValue(synthetic)!, r.GetValue(heldOut), r.GetValue(output)!, r.GetValue(seed))));

var root = new RootCommand("gml: autoencoders and variational autoencoders for CSV files, on ML.NET.\n" +
                           "Train once (gml train), then score, encode, reconstruct, sample, export or inspect with the model zip.") {
    train, score, encode, reconstruct, sample, export, inspect, report,
};
var parsed = root.Parse(args);
// A value that does not parse, an unknown option or a missing one: one line naming it, exit code 2 (no help text).
if (parsed.Errors.Count > 0) {
    Console.Error.WriteLine($"error: {UsageError(parsed.Errors[0].Message)}");
    return 2;
}
return parsed.Invoke();

static List<string>? Split(string? list) => list?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

// The CSV through the loaded model a chunk of rows at a time, into the output (written under a temporary name and
// renamed when complete): memory holds one chunk whatever the file's size, and a long file reports its progress.
static long StreamRows(ModelFile.Loaded m, string dataPath, string outputPath, IReadOnlyList<string> header, string verb,
                       Func<List<float[]>, IDataView, IEnumerable<IEnumerable<string>>> rowsOf)
{
    const int Chunk = 65_536;
    using var writer = new CsvTable.Writer(outputPath, header);
    long done = 0, nextReport = 16L * Chunk;
    try {
        foreach (var chunk in CsvTable.Chunks(dataPath, m.Columns, Chunk)) {
            foreach (var row in rowsOf(chunk, ModelFile.Transform(m, chunk))) writer.Row(row);
            done += chunk.Count;
            if (done >= nextReport) {
                Console.Error.WriteLine($"{verb} {done:N0} rows of {dataPath}");
                nextReport += 16L * Chunk;
            }
        }
    } catch (CliException e) when (e.Message.Contains("no column")) {
        throw new CliException($"{e.Message} The model was trained on {string.Join(", ", m.Columns)}.");
    }
    writer.Complete();
    return done;
}

static float[] Floats(IDataView view, string column) => Read<float>(view, column);

static T[] Read<T>(IDataView view, string column) => view.GetColumn<T>(column).ToArray();

static float[][] Vectors(IDataView view, string column) => view.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray()).ToArray();

// Exit codes: 0 done, 1 the data or a file was wrong, 2 the command line was (an option's value), 130 cancelled (Ctrl+C).
// Whatever happens, one line on standard error that starts with "error:", never a stack trace.
static int Run(Action action)
{
    try {
        action();
        return 0;
    } catch (UsageException e) {
        return Fail(e.Message, 2);
    } catch (OperationCanceledException) {
        return Fail("cancelled; nothing was written.", 130);
    } catch (ArgumentException e) when (Flag(e.ParamName) is string flag) {
        // The library refused a value the command line passed on: name the option, not the library's property.
        return Fail($"{flag}: {Sentence(e)}", 2);
    } catch (Exception e) when (e is CliException or InvalidTrainingDataException or IOException or UnauthorizedAccessException or ArgumentException
                                    or Generative.ML.Transformers.Tables.TableSchemaException or Generative.ML.Transformers.Tables.TableCsvException
                                    or TrainingDivergedException or NativeKernelException or LibTorchUnavailableException or InvalidOperationException) {
        return Fail(Sentence(e), 1);
    } catch (Exception e) {
        return Fail($"{e.GetType().Name}: {Sentence(e)}", 1);
    }
}

static int Fail(string message, int code)
{
    Console.Error.WriteLine($"error: {message}");
    return code;
}

// An exception's message as one line: ArgumentException's "(Parameter 'X')" and "Actual value was" become "; got v".
static string Sentence(Exception e)
{
    var message = e.Message;
    if (e is ArgumentException { ParamName: not null } argument) {
        var suffix = $" (Parameter '{argument.ParamName}')";
        var at = message.IndexOf(suffix, StringComparison.Ordinal);
        if (at >= 0) message = message[..at];
        if (e is ArgumentOutOfRangeException { ActualValue: { } actual })
            message = $"{message.TrimEnd('.')}; got {Convert.ToString(actual, System.Globalization.CultureInfo.InvariantCulture)}.";
    }
    return string.Join(" ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

// System.CommandLine's parse errors as one line in the user's terms ("--latent takes a whole number; got 'abc'.").
static string UsageError(string message)
{
    var cannot = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(.*)' for option '(.*)' as expected type '(.*)'\.?$");
    if (cannot.Success) {
        var type = cannot.Groups[3].Value;
        var what = type.Contains("Int32") || type.Contains("Int64") ? "a whole number" : type.Contains("Double") ? "a number" : type.Contains("Boolean") ? "true or false" : "another value";
        return $"{cannot.Groups[2].Value} takes {what}; got '{cannot.Groups[1].Value}'.";
    }
    return string.Join(" ", message.Split(new[] { '\n', '\t' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

// The option behind an option of the library's that the command line sets.
static string? Flag(string? parameter) => parameter switch {
    "Contamination" or "contamination" => "--contamination",
    "Epochs" => "--epochs",
    "LatentSize" => "--latent",
    "HiddenSizes" => "--hidden",
    "BatchSize" => "--batch-size",
    "LearningRate" => "--learning-rate",
    "Threads" => "--threads",
    "Seed" => "--seed",
    "PriorComponents" => "--prior-components",
    _ => null,
};

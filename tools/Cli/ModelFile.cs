using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using Generative.ML;
using Generative.ML.Estimators;
using Generative.ML.Graphs;
using Generative.ML.Training.Models;
using Generative.ML.Transformers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Cli
{
    /// <summary>
    /// One model zip holds everything: ML.NET's pipeline (the CSV's columns concatenated, then the anomaly score, the
    /// encoding, the reconstruction and, for the kinds that sample, sampling; the graphs scale the features themselves).
    /// Its ONNX transforms hold each graph once; export reads them from there.
    /// </summary>
    internal static class ModelFile
    {
        public const string Features = "GenerativeML.Features", Seed = "GenerativeML.SampleSeed";
        public const string Latent = "Latent", Reconstruction = "Reconstruction", Generated = "Generated";

        /// <summary>The --label column's values in the training view (not in the saved model's input: scoring never reads it).</summary>
        public const string KnownLabel = "GenerativeML.KnownLabel";


        public sealed record Settings(string Kind, TrainFlags Flags, IProgress<TrainingProgress>? Progress, int PriorComponents = 1)
        {
            /// <summary>--clean, --label and the targets.</summary>
            public AnomalyFlags Anomaly { get; init; } = new(null, false, null, null);

            /// <summary>The --label column's value for each row (1, 0 or NaN), when --label was given.</summary>
            public float[]? Labels { get; init; }
        }

        /// <summary>Trains and writes the model zip (whole, or not at all); gives the model card.</summary>
        public static ModelCard Train(CsvTable table, string path, Settings settings)
        {
            var ml = new MLContext(settings.Flags.Seed);
            var seeds = Enumerable.Range(0, table.Rows.Count).Select(i => (long)i).ToArray();
            // What the saved model reads: the feature columns and the seed; the labels are in the training view only.
            var view = WithSeedColumn(table.Columns, table.Rows, seeds);
            var training = settings.Labels is { } labels
                ? WithSeedColumn(table.Columns.Append(KnownLabel).ToArray(), table.Rows.Select((row, i) => row.Append(labels[i]).ToArray()).ToList(), seeds)
                : view;
            var concat = ml.Transforms.Concatenate(Features, table.Columns).Fit(training);
            // No normaliser of our own: the estimator scales the features robustly inside its graphs (FeatureScaling) and
            // gives reconstructions and samples back in the CSV's units.
            var features = concat.Transform(training);
            // Every family from the one list (ModelFamilies): its options at their defaults, then the command line's settings.
            var family = ModelFamilies.All.FirstOrDefault(f => f.Name == settings.Kind)
                ?? throw new CliException($"Unknown model kind '{settings.Kind}'; one of {string.Join(", ", ModelFamilies.All.Select(f => f.Name))}.");
            var options = settings.Flags.Apply(family.Create());
            options.Progress = settings.Progress;
            settings.Anomaly.Apply(options, KnownLabel);
            if (options is AdversarialAutoencoderOptions adversarial) adversarial.PriorComponents = settings.PriorComponents;
            // gml's command line has refused --score for families without a choice of score.
            if (settings.Flags.Score is string score && options is VariationalAutoencoderOptions variational) variational.Score = TrainFlags.Scores[score];
            var scorer = ml.Transforms.GenerativeAnomalyScore("Score", Features, options).Fit(features);
            // Each graph once: the scorer scores, the encoder encodes, the decoder rebuilds the row from its code (the mean
            // of p(x | z = mu), as Reconstruct gives it), the sampler samples; gml export reads them back out of the zip.
            // A family without an encoder (the GAN) saves no encoding; one that cannot sample (ae), no sampler.
            var parts = new List<ITransformer> { concat, scorer };
            if (family.Capabilities.HasFlag(ModelCapabilities.Encode)) parts.AddRange(new[] { scorer.Encode(Latent), scorer.Decode(Reconstruction, Latent) });
            if (family.Capabilities.HasFlag(ModelCapabilities.Sample)) parts.Add(scorer.Sample(Generated, Seed));
            var chain = new TransformerChain<ITransformer>(parts.ToArray());

            using var file = AtomicFile.Begin(path);
            ml.Model.Save(chain, view.Schema, file.TemporaryPath);
            // The CSV's decimals per column, beside ML.NET's entries (which its loader reads by name): samples and
            // reconstructions are written with them.
            using (var zip = ZipFile.Open(file.TemporaryPath, ZipArchiveMode.Update)) {
                using var entry = zip.CreateEntry(DecimalsEntry).Open();
                JsonSerializer.Serialize(entry, table.Decimals);
            }
            // The SHA-256 of every entry: loading checks the whole file before ML.NET reads any of it.
            ModelManifest.Write(file.TemporaryPath);
            file.Commit();
            return scorer.ModelCard;
        }

        /// <summary>A loaded model: its pipeline, the CSV columns it was trained on, and whether it can encode and sample.</summary>
        public sealed record Loaded(MLContext Ml, ITransformer Pipeline, string[] Columns, bool CanEncode, bool CanSample, int LatentSize, int?[] Decimals);

        const string DecimalsEntry = "gml/decimals.json";

        /// <summary>The decimals the model's CSV columns were written with; unknown (null) for models without them.</summary>
        static int?[] ReadDecimals(string path, int columns)
        {
            try {
                using var zip = ZipFile.OpenRead(path);
                if (zip.GetEntry(DecimalsEntry) is not { } entry) return new int?[columns];
                using var stream = entry.Open();
                var decimals = JsonSerializer.Deserialize<int?[]>(stream);
                return decimals is { Length: var n } && n == columns ? decimals : new int?[columns];
            } catch (Exception e) when (e is InvalidDataException or JsonException or IOException) {
                return new int?[columns];
            }
        }

        public static Loaded Load(string path)
        {
            if (!File.Exists(path)) throw new CliException($"{path}: no such model file.");
            var ml = new MLContext();
            ITransformer pipeline;
            DataViewSchema input;
            try {
                // LoadBatched: the same pipeline, with the model's transforms scoring a block of rows per ONNX Runtime call.
                pipeline = ml.Model.LoadBatched(path, out input);
            } catch (ModelFileException e) {
                var reason = e.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? e.Message[(path.Length + 2)..].TrimEnd('.') : e.Message.TrimEnd('.');
                throw new CliException($"{path}: not a model saved by gml train ({reason}).");
            }
            var columns = input.Select(c => c.Name).Where(n => n != Seed).ToArray();
            try {
                var output = pipeline.GetOutputSchema(input);
                if (!input.Any(c => c.Name == Seed) || input.Any(c => c.Name != Seed && c.Type != NumberDataViewType.Single) || output.GetColumnOrNull("Score") is null)
                    throw new CliException($"{path}: not a model saved by gml train.");
                var latent = output.GetColumnOrNull(Latent);
                var loaded = new Loaded(ml, pipeline, columns, latent is not null, output.GetColumnOrNull(Generated) is not null,
                                        latent?.Type is VectorDataViewType { Size: var size } ? size : 0, ReadDecimals(path, columns.Length));
                // One row of zeros through every output: a pipeline whose parts load but do not fit together is refused here, not half-way through a file.
                _ = Transform(loaded, new[] { new float[columns.Length] }).Preview(maxRows: 1); // every column's value read
                return loaded;
            } catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or InvalidDataException) {
                (pipeline as IDisposable)?.Dispose();
                throw new CliException($"{path}: not a model saved by gml train ({e.Message.Split('\n')[0].TrimEnd('.')}).");
            }
        }

        /// <summary>The model's output for rows of its columns (seeds for sampling: <paramref name="seeds"/>).</summary>
        public static IDataView Transform(Loaded model, IReadOnlyList<float[]> rows, IReadOnlyList<long>? seeds = null) =>
            model.Pipeline.Transform(WithSeedColumn(model.Columns, rows, seeds));

        /// <summary>The model's ONNX graphs (encoder, decoder, scorer and, for kinds that sample, sampler), as file names and bytes.</summary>
        public static IReadOnlyList<(string Name, byte[] Bytes)> Graphs(string path) =>
            SavedGraphs.Read(path).Select(g => ($"{g.Key}.onnx", g.Value)).OrderBy(g => g.Item1, StringComparer.Ordinal).ToList();

        static IDataView WithSeedColumn(IReadOnlyList<string> columns, IReadOnlyList<float[]> rows, IReadOnlyList<long>? seeds) =>
            new ColumnsDataView(columns, rows, Seed, seeds);
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Generative.ML.Estimators;
using Generative.ML.Training.Optimization;
using Generative.ML.Transformers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Generative.ML.Cli
{
    /// <summary>
    /// One model zip holds everything: ML.NET's pipeline (the CSV's columns concatenated, normalised, then the anomaly
    /// score, the encoding, the reconstruction and, for VAEs, sampling), with the ONNX graphs beside it in the zip.
    /// </summary>
    internal static class ModelFile
    {
        public const string Features = "GenerativeML.Features", Seed = "GenerativeML.SampleSeed";
        public const string Latent = "Latent", Reconstruction = "Reconstruction", Generated = "Generated";
        const string GraphFolder = "GenerativeML/";

        public sealed record Settings(bool Vae, int? LatentSize, int? Epochs, int Seed, double Contamination, IProgress<TrainingProgress>? Progress);

        public static void Train(CsvTable table, string path, Settings settings)
        {
            var ml = new MLContext(settings.Seed);
            var view = WithSeedColumn(table.Columns, table.Rows.Select((r, i) => r.Append(i).ToArray()).ToList());
            var concat = ml.Transforms.Concatenate(Features, table.Columns).Fit(view);
            var concatenated = concat.Transform(view);
            var normalize = ml.Transforms.NormalizeMeanVariance(Features).Fit(concatenated);
            var normalized = normalize.Transform(concatenated);
            GenerativeTransformer scorer = settings.Vae
                ? ml.Transforms.VaeAnomalyScore(Features, new VariationalAutoencoderOptions {
                    LatentSize = settings.LatentSize, Epochs = settings.Epochs, Seed = settings.Seed,
                    Contamination = settings.Contamination, Progress = settings.Progress,
                }).Fit(normalized)
                : ml.Transforms.AutoencoderAnomalyScore(Features, new AutoencoderOptions {
                    LatentSize = settings.LatentSize, Epochs = settings.Epochs, Seed = settings.Seed,
                    Contamination = settings.Contamination, Progress = settings.Progress,
                }).Fit(normalized);
            var parts = new List<ITransformer> { concat, normalize, scorer, scorer.Encode(Latent), scorer.Reconstruct(Reconstruction) };
            if (settings.Vae) parts.Add(scorer.Sample(Generated, Seed));
            var chain = new TransformerChain<ITransformer>(parts.ToArray());

            var temporary = path + ".partial";
            ml.Model.Save(chain, view.Schema, temporary);
            using (var zip = ZipFile.Open(temporary, ZipArchiveMode.Update)) {
                foreach (var (name, bytes) in new[] { ("encoder", scorer.Graphs.Encoder), ("decoder", scorer.Graphs.Decoder), ("scorer", scorer.Graphs.Scorer),
                                                      ("sampler", scorer.Graphs.Sampler) }) {
                    if (bytes is null) continue;
                    using var entry = zip.CreateEntry($"{GraphFolder}{name}.onnx").Open();
                    entry.Write(bytes);
                }
            }
            File.Move(temporary, path, overwrite: true);
        }

        /// <summary>A loaded model: its pipeline, the CSV columns it was trained on, and whether it can sample.</summary>
        public sealed record Loaded(MLContext Ml, ITransformer Pipeline, string[] Columns, bool CanSample);

        public static Loaded Load(string path)
        {
            if (!File.Exists(path)) throw new CliException($"{path}: no such model file.");
            var ml = new MLContext();
            ITransformer pipeline;
            DataViewSchema input;
            try {
                pipeline = ml.Model.Load(path, out input);
            } catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException or ArgumentException) {
                throw new CliException($"{path}: not a model saved by gml train ({e.Message}).");
            }
            var columns = input.Select(c => c.Name).Where(n => n != Seed).ToArray();
            if (!input.Any(c => c.Name == Seed) || pipeline.GetOutputSchema(input).GetColumnOrNull(Latent) is null)
                throw new CliException($"{path}: not a model saved by gml train.");
            return new Loaded(ml, pipeline, columns, pipeline.GetOutputSchema(input).GetColumnOrNull(Generated) is not null);
        }

        /// <summary>The model's output for rows of its columns (seeds for sampling: <paramref name="seeds"/>).</summary>
        public static IDataView Transform(Loaded model, IReadOnlyList<float[]> rows, IReadOnlyList<float>? seeds = null) =>
            model.Pipeline.Transform(WithSeedColumn(model.Columns, rows.Select((r, i) => r.Append(seeds?[i] ?? 0).ToArray()).ToList()));

        /// <summary>Maps normalised values back to the CSV's units: ML.NET's affine normaliser computes (x - offset) * scale.</summary>
        public static Func<float[], float[]> Denormalizer(Loaded model)
        {
            var normalizer = ((TransformerChain<ITransformer>)model.Pipeline).OfType<NormalizingTransformer>().Single();
            var parameters = (NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>>)normalizer.GetNormalizerModelParameters(0);
            var scale = parameters.Scale;
            var offset = parameters.Offset.IsDefaultOrEmpty ? ImmutableArray.Create(new float[scale.Length]) : parameters.Offset;
            return y => y.Select((v, i) => scale[i] == 0 ? offset[i] : v / scale[i] + offset[i]).ToArray();
        }

        public static IReadOnlyList<(string Name, byte[] Bytes)> Graphs(string path)
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.Entries.Where(e => e.FullName.StartsWith(GraphFolder)).Select(e => {
                using var stream = e.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return (e.Name, copy.ToArray());
            }).ToList();
        }

        static IDataView WithSeedColumn(IReadOnlyList<string> columns, IReadOnlyList<float[]> rows) => new ColumnsDataView(columns.Append(Seed).ToArray(), rows);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using Generative.ML.Graphs;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

namespace Generative.ML.Transformers.Tables
{
    /// <summary>
    /// A trained table model, run by ONNX Runtime (no TorchSharp): it generates rows in the training table's own
    /// columns and types (with only categories seen in training, blanks at the observed rate, whole numbers whole,
    /// numbers within the training range), under a value of the condition column when it has one, and scores rows by
    /// their negative ELBO with a per-column breakdown. Made by <c>mlContext.Data.FitTableSynthesizer</c>; saved and
    /// loaded as one zip file.
    /// </summary>
    public sealed class TableSynthesizer : IDisposable
    {
        const int Block = 4096;
        readonly byte[] _sampler, _scorer;
        readonly InferenceSession _samplerSession, _scorerSession;
        readonly SessionGate _gate = new(nameof(TableSynthesizer), "Generate and score before disposing it, or load it again from its file.");

        /// <summary>
        /// A synthesizer from its parts (the trainer makes it; <see cref="Load(string, ScoringOptions?)"/> reads one back). <paramref name="threshold"/>
        /// can be set later (<see cref="WithThreshold"/>) once scores of the training rows are known.
        /// </summary>
        internal TableSynthesizer(TableEncoding encoding, byte[] sampler, byte[] scorer, IReadOnlyList<float> gaussianStandardDeviations, int latentSize,
                                float threshold, ScoringOptions? scoring = null, GenerationCalibration? calibration = null)
        {
            Calibration = calibration;
            Encoding = encoding ?? throw new ArgumentNullException(nameof(encoding));
            _sampler = sampler ?? throw new ArgumentNullException(nameof(sampler));
            _scorer = scorer ?? throw new ArgumentNullException(nameof(scorer));
            GaussianStandardDeviations = gaussianStandardDeviations?.ToArray() ?? throw new ArgumentNullException(nameof(gaussianStandardDeviations));
            if (GaussianStandardDeviations.Count != encoding.Heads.Count(h => h.Kind == TableHeadKind.Gaussian))
                throw new ArgumentException("One standard deviation per numeric column is needed.", nameof(gaussianStandardDeviations));
            LatentSize = latentSize > 0 ? latentSize : throw new ArgumentOutOfRangeException(nameof(latentSize), latentSize, "The latent size must be positive.");
            Threshold = threshold;
            using var options = OnnxBackend.CreateSessionOptions(scoring);
            _samplerSession = new InferenceSession(sampler, options);
            _scorerSession = new InferenceSession(scorer, options);
        }

        /// <summary>The same synthesizer with another threshold (new sessions over the same graphs).</summary>
        public TableSynthesizer WithThreshold(float threshold, ScoringOptions? scoring = null) =>
            new(Encoding, _sampler, _scorer, GaussianStandardDeviations, LatentSize, threshold, scoring, Calibration);

        /// <summary>
        /// Null for a synthesizer whose generated columns are the model's own draws; otherwise the maps that make each
        /// generated column follow its training column (<see cref="TableEncoding.Calibrate"/>). Unconditional synthesizers only.
        /// </summary>
        internal GenerationCalibration? Calibration { get; }

        /// <summary>
        /// The same synthesizer with its generated columns calibrated to the training columns, measured on
        /// <paramref name="rows"/> rows drawn with <paramref name="seed"/> (<see cref="TableEncoding.Calibrate"/>).
        /// </summary>
        internal TableSynthesizer Calibrated(int rows = 100_000, int seed = 0, ScoringOptions? scoring = null)
        {
            if (ConditionColumn is not null)
                throw new InvalidOperationException("A conditional synthesizer's columns follow the condition: their calibration would be per condition value, which is not done.");
            var random = new Random(seed);
            var calibration = Encoding.Calibrate(Means(rows, random, null), rows, GaussianStandardDeviations, random);
            return new(Encoding, _sampler, _scorer, GaussianStandardDeviations, LatentSize, Threshold, scoring, calibration);
        }

        /// <summary>The table's columns and their encoding.</summary>
        internal TableEncoding Encoding { get; }

        /// <summary>The learned standard deviation of each numeric column's normal score given z: values are drawn, not only means.</summary>
        internal IReadOnlyList<float> GaussianStandardDeviations { get; }

        /// <summary>Size of z.</summary>
        public int LatentSize { get; }

        /// <summary>Scores above this are labelled anomalies (the training scores' 1 - contamination quantile).</summary>
        public float Threshold { get; }

        /// <summary>The condition column, or null for an unconditional synthesizer.</summary>
        public string? ConditionColumn => Encoding.ConditionColumn;

        /// <summary>
        /// <paramref name="rows"/> new rows, the same for the same <paramref name="seed"/>. With a condition column, the rows
        /// have <paramref name="condition"/> there (a value seen in training), or, when it is null, values drawn at their
        /// training frequencies.
        /// </summary>
        public TableData Generate(int rows, int seed = 0, string? condition = null)
        {
            if (rows <= 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "The number of rows must be positive.");
            if (condition is not null && ConditionColumn is null)
                throw new ArgumentException("This synthesizer was trained without a condition column: it cannot generate under a condition.", nameof(condition));
            var random = new Random(seed);
            var conditions = ConditionColumn is null ? null : DrawConditions(rows, condition, random);
            return Encoding.Decode(Means(rows, random, conditions), rows, GaussianStandardDeviations, random, conditions, Calibration);
        }

        /// <summary>The sampler's output for <paramref name="rows"/> draws of z: means, category probabilities, blank probabilities.</summary>
        float[] Means(int rows, Random random, string?[]? conditions)
        {
            var width = Encoding.Width;
            var means = new float[(long)rows * width];
            for (var start = 0; start < rows; start += Block) {
                var n = Math.Min(Block, rows - start);
                var noise = new float[n * LatentSize];
                for (var i = 0; i < noise.Length; i++) noise[i] = (float)NormalDistribution.Draw(random);
                var inputs = new Dictionary<string, (float[] values, int width)> { [GraphContract.Noise] = (noise, LatentSize) };
                if (conditions is not null) inputs[GraphContract.Condition] = (Encoding.EncodeConditions(conditions.Skip(start).Take(n).ToArray()), Encoding.ConditionWidth);
                var output = _gate.Use(() => Run(_samplerSession, inputs, n, GraphContract.Reconstruction))[0];
                Array.Copy(output, 0, means, (long)start * width, output.Length);
            }
            return means;
        }

        /// <summary><see cref="Generate"/> as an ML.NET data view in the table's own column types.</summary>
        public IDataView GenerateDataView(int rows, int seed = 0, string? condition = null) => TableDataView.ToDataView(Generate(rows, seed, condition));

        /// <summary>
        /// Each row's anomaly score (its negative ELBO over every column, numbers in their own units; higher is more
        /// anomalous), its label (score above <see cref="Threshold"/>) and each column's share: that column's negative
        /// log-likelihood. The scorer graph gives the likelihood of the numbers' normal scores; the change of variables to
        /// the numbers themselves (<see cref="TableEncoding.LogSlopes"/>) is added here, so a value in a gap between modes
        /// scores as unlikely as it is. A category not seen in
        /// training is scored as having the unseen-category probability the model was trained with; a column whose type
        /// changed since training is refused.
        /// </summary>
        public TableScores Score(TableData data)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            var x = Encoding.Encode(data);
            var cond = ConditionColumn is null ? null : Encoding.EncodeConditions(data);
            var columns = Encoding.Columns.Count;
            var scores = new float[data.RowCount];
            var contributions = new float[(long)data.RowCount * columns];
            for (var start = 0; start < data.RowCount; start += Block) {
                var n = Math.Min(Block, data.RowCount - start);
                var inputs = new Dictionary<string, (float[] values, int width)> {
                    [GraphContract.Input] = (x.AsSpan(start * Encoding.Width, n * Encoding.Width).ToArray(), Encoding.Width),
                };
                if (cond is not null) inputs[GraphContract.Condition] = (cond.AsSpan(start * Encoding.ConditionWidth, n * Encoding.ConditionWidth).ToArray(), Encoding.ConditionWidth);
                var outputs = _gate.Use(() => Run(_scorerSession, inputs, n, GraphContract.Score, GraphContract.Contributions));
                Array.Copy(outputs[0], 0, scores, start, n);
                Array.Copy(outputs[1], 0, contributions, (long)start * columns, outputs[1].Length);
            }
            // The graph's likelihood is of normal scores; the change of variables makes it one of the values themselves.
            var slopes = Encoding.LogSlopes(data);
            for (var r = 0; r < data.RowCount; r++)
                for (var j = 0; j < columns; j++) {
                    contributions[(long)r * columns + j] -= slopes[(long)r * columns + j];
                    scores[r] -= slopes[(long)r * columns + j];
                }
            return new TableScores(scores, scores.Select(s => s > Threshold).ToArray(), contributions, Encoding.Columns.Select(c => c.Name).ToArray());
        }

        /// <summary>Scores the rows of an ML.NET data view (read as the training table's columns).</summary>
        public TableScores Score(IDataView data) => Score(TableDataView.Read(data, Encoding.Columns.Select(c => c.Name).ToArray(),
            Encoding.Columns.Where(c => c.Kind == TableColumnKind.Categorical).Select(c => c.Name).ToArray()));

        string?[] DrawConditions(int rows, string? condition, Random random)
        {
            var c = Encoding.ConditionIndex!.Value;
            var categories = Encoding.Encodings[c].Categories!;
            if (condition is not null) {
                Encoding.EncodeConditions(new[] { condition }); // refuses a value not seen in training, by name
                return Enumerable.Repeat<string?>(condition, rows).ToArray();
            }
            var frequencies = Encoding.Encodings[c].CategoryFrequencies ?? categories.Select(_ => 1.0 / categories.Length).ToArray();
            return Enumerable.Range(0, rows).Select(_ => {
                var u = random.NextDouble();
                for (var (k, acc) = (0, 0.0); k < categories.Length; k++) if (u < (acc += frequencies[k])) return categories[k];
                return categories[^1];
            }).ToArray();
        }

        static float[][] Run(InferenceSession session, Dictionary<string, (float[] values, int width)> inputs, int rows, params string[] outputs)
        {
            var values = inputs.Select(kv => OrtValue.CreateTensorValueFromMemory(kv.Value.values, new long[] { rows, kv.Value.width })).ToArray();
            try {
                // Held in a using: ONNX Runtime's Run passes the options' raw handle, so an inline `new RunOptions()` can be
                // finalized by the GC while the native call still reads it (this crashed the synth benchmark once).
                using var run = new RunOptions();
                using var results = session.Run(run, inputs.Keys.ToArray(), values, outputs);
                return results.Select(r => r.GetTensorDataAsSpan<float>().ToArray()).ToArray();
            } finally {
                foreach (var v in values) v.Dispose();
            }
        }

        const string EncodingEntry = "table-encoding.json", SamplerEntry = "sampler.onnx", ScorerEntry = "scorer.onnx", ModelEntry = "synthesizer.json";
        static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

        /// <summary>
        /// Writes the synthesizer to one zip file, whole or not at all (a temporary file renamed when complete): its
        /// encoding (JSON), its sampler and scorer graphs (ONNX), its settings with the SHA-256 of the other three entries.
        /// </summary>
        public void Save(string path)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("A file path is needed.", nameof(path));
            var encoding = JsonSerializer.SerializeToUtf8Bytes(Encoding, Json);
            var digests = new SortedDictionary<string, string>(StringComparer.Ordinal) {
                [EncodingEntry] = Digest(encoding), [SamplerEntry] = Digest(_sampler), [ScorerEntry] = Digest(_scorer),
            };
            var settings = JsonSerializer.SerializeToUtf8Bytes(new Settings(GaussianStandardDeviations.ToArray(), LatentSize, Threshold, Calibration, digests), Json);
            AtomicFile.Write(path, file => {
                using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
                void Write(string name, byte[] bytes)
                {
                    using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                    s.Write(bytes);
                }
                Write(EncodingEntry, encoding);
                Write(SamplerEntry, _sampler);
                Write(ScorerEntry, _scorer);
                Write(ModelEntry, settings);
            });
        }

        static string Digest(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

        /// <summary>The largest entry read from a synthesizer file (a graph of 64 million weights): a declared size past it is refused, not allocated.</summary>
        const long MaxEntryBytes = 256L << 20;

        /// <summary>
        /// Reads a synthesizer written by <see cref="Save"/>; it needs ONNX Runtime only. The file is checked before its
        /// graphs run (each entry against the hash in its settings) and after (two rows generated and scored): a file that
        /// is not a synthesizer, is cut short, was changed since it was saved or whose parts do not fit together gives a
        /// <see cref="ModelFileException"/> naming the file and the entry.
        /// </summary>
        public static TableSynthesizer Load(string path, ScoringOptions? scoring = null) => Load(path, scoring, verify: true);

        /// <summary><see cref="Load(string, ScoringOptions?)"/>, with the hash check left out where <paramref name="verify"/> is false (the fuzz tests reach the readers behind it so).</summary>
        internal static TableSynthesizer Load(string path, ScoringOptions? scoring, bool verify)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such table synthesizer file.", path);
            string? part = null;
            TableSynthesizer? loaded = null;
            try {
                using var zip = ZipFile.OpenRead(path);
                byte[] Read(string name)
                {
                    part = name;
                    var entries = zip.Entries.Where(e => e.FullName == name).ToArray();
                    if (entries.Length != 1) throw new InvalidDataException(entries.Length == 0 ? "it is missing (not a table synthesizer)" : "it is there more than once");
                    if (entries[0].Length > MaxEntryBytes) throw new InvalidDataException($"it declares {entries[0].Length} bytes, more than the {MaxEntryBytes} a synthesizer's entry may hold");
                    using var s = entries[0].Open();
                    using var m = new MemoryStream();
                    var buffer = new byte[81920];
                    for (int n; (n = s.Read(buffer)) > 0;) {
                        if (m.Length + n > MaxEntryBytes) throw new InvalidDataException($"it holds more than the {MaxEntryBytes} bytes a synthesizer's entry may hold");
                        m.Write(buffer, 0, n);
                    }
                    return m.ToArray();
                }
                var settingsBytes = Read(ModelEntry);
                var settings = JsonSerializer.Deserialize<Settings>(settingsBytes, Json) ?? throw new InvalidDataException("it is empty");
                var (encodingBytes, sampler, scorer) = (Read(EncodingEntry), Read(SamplerEntry), Read(ScorerEntry));
                if (verify && settings.Digests is { } digests)
                    foreach (var (name, bytes) in new[] { (EncodingEntry, encodingBytes), (SamplerEntry, sampler), (ScorerEntry, scorer) }) {
                        part = name;
                        if (!digests.TryGetValue(name, out var expected) || expected != Digest(bytes))
                            throw new InvalidDataException("its bytes do not match the SHA-256 the settings hold (the file changed after it was saved)");
                    }
                part = EncodingEntry;
                var encoding = JsonSerializer.Deserialize<TableEncoding>(encodingBytes, Json) ?? throw new InvalidDataException("it is empty");
                // The quantile scales decode every generated number: one that Fit could not have made is refused here, not at a later Generate.
                var scales = encoding.Encodings.Select((e, j) => (Name: $"column {j}", e.Scale))
                    .Concat((settings.Calibration?.Columns ?? Array.Empty<ColumnCalibration?>()).SelectMany((c, j) => new[] { ($"calibration {j}", c?.Scores), ($"calibration {j}", c?.Values) }));
                foreach (var (name, scale) in scales)
                    if (scale?.Problem() is string problem) throw new InvalidDataException($"{name}'s scale is damaged: {problem}");
                part = null;
                loaded = new TableSynthesizer(encoding, sampler, scorer, settings.GaussianStandardDeviations ?? throw new InvalidDataException("the settings have no standard deviations"),
                                              settings.LatentSize, settings.Threshold, scoring, settings.Calibration);
                // The parts fit together: two rows generated (the sampler against the encoding) and scored (the scorer against it).
                loaded.Score(loaded.Generate(2));
                return loaded;
            } catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException or UnauthorizedAccessException or FileNotFoundException)) {
                loaded?.Dispose();
                var reason = e is InvalidDataException && e.GetType() == typeof(InvalidDataException) ? e.Message.TrimEnd('.')
                    : part is null ? $"its parts do not fit together ({e.Message.Split('\n')[0].TrimEnd('.')})" : $"it cannot be read ({e.Message.Split('\n')[0].TrimEnd('.')})";
                throw new ModelFileException(path, part, reason, e);
            }
        }

        sealed record Settings(float[] GaussianStandardDeviations, int LatentSize, float Threshold, GenerationCalibration? Calibration,
                               SortedDictionary<string, string>? Digests = null);

        /// <summary>Releases the ONNX Runtime sessions.</summary>
        public void Dispose() => _gate.Close(() => {
            _samplerSession.Dispose();
            _scorerSession.Dispose();
        });
    }

    /// <summary>Anomaly scores of table rows, with each column's share.</summary>
    public sealed class TableScores
    {
        internal TableScores(float[] scores, bool[] labels, float[] contributions, string[] columns) =>
            (Scores, Labels, Contributions, ColumnNames) = (scores, labels, contributions, columns);

        /// <summary>Per row: the negative ELBO (higher is more anomalous).</summary>
        public float[] Scores { get; }

        /// <summary>Per row: the score is above the synthesizer's threshold.</summary>
        public bool[] Labels { get; }

        /// <summary>Row-major [rows, columns]: each column's negative log-likelihood (the KL, which belongs to no column, is the rest of the score).</summary>
        public float[] Contributions { get; }

        /// <summary>The columns the contributions are of, in order.</summary>
        public IReadOnlyList<string> ColumnNames { get; }

        /// <summary>Row <paramref name="row"/>'s column shares by column name, largest first.</summary>
        public IReadOnlyList<(string Column, float Contribution)> Explain(int row) => ColumnNames
            .Select((c, j) => (c, Contributions[(long)row * ColumnNames.Count + j])).OrderByDescending(p => p.Item2).ToArray();
    }
}

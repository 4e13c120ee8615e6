using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Generative.ML.Cli;
using Generative.ML.Estimators;
using Generative.ML.Transformers.Tables;
using Microsoft.ML;

namespace Generative.ML.Fuzzing
{
    /// <summary>
    /// Every place where bytes from outside come in, each with a real seed: the CSV readers (gml's and the table
    /// reader), a model zip loaded through ML.NET's Model.Load, through LoadBatched and through gml, the ONNX graphs
    /// inside it, and a table synthesizer's file. The seeds are made once, in <paramref name="folder"/>.
    /// </summary>
    public sealed class FuzzTargets
    {
        readonly string _folder;
        readonly byte[] _csv, _mixedCsv, _model, _synthesizer;
        int _file;

        public FuzzTargets(string folder)
        {
            _folder = folder;
            _csv = Encoding.UTF8.GetBytes(NumericCsv(48));
            _mixedCsv = Encoding.UTF8.GetBytes(MixedCsv(48));
            var csvPath = Path.Combine(folder, "seed.csv");
            File.WriteAllBytes(csvPath, _csv);
            var modelPath = Path.Combine(folder, "seed-model.zip");
            ModelFile.Train(CsvTable.Read(csvPath, null), modelPath,
                new ModelFile.Settings("vae", new TrainFlags(2, 2, 1, 0.05, "8", 16, null, 1, null, CancellationToken.None), null));
            _model = File.ReadAllBytes(modelPath);
            var mixedPath = Path.Combine(folder, "seed-mixed.csv");
            File.WriteAllBytes(mixedPath, _mixedCsv);
            var synthesizerPath = Path.Combine(folder, "seed-synthesizer.zip");
            using (var synthesizer = new MLContext(1).Data.FitTableSynthesizer(TableCsv.Read(mixedPath),
                       new TableSynthesizerOptions { Epochs = 2, LatentSize = 2, HiddenSizes = new long[] { 8 }, Seed = 1, Threads = 1 }))
                synthesizer.Save(synthesizerPath);
            _synthesizer = File.ReadAllBytes(synthesizerPath);
        }

        static string NumericCsv(int rows)
        {
            var text = new StringBuilder("a,b,\"c, quoted\",d\n");
            var random = new Random(7);
            for (var i = 0; i < rows; i++) {
                var t = random.NextDouble();
                text.Append(CultureInfo.InvariantCulture, $"{t:F3},{2 * t - 1:F2},{-t:E2},{random.Next(0, 5)}\n");
            }
            return text.ToString();
        }

        static string MixedCsv(int rows)
        {
            var text = new StringBuilder("age,city,income,member\n");
            var random = new Random(8);
            var cities = new[] { "Lyon", "Porto", "\"Kraków\"", "São Paulo" };
            for (var i = 0; i < rows; i++)
                text.Append(CultureInfo.InvariantCulture, $"{random.Next(18, 90)},{cities[random.Next(cities.Length)]},{(i % 9 == 0 ? "" : (1000 + 900 * random.NextDouble()).ToString("F1", CultureInfo.InvariantCulture))},{(random.Next(2) == 0 ? "yes" : "no")}\n");
            return text.ToString();
        }

        /// <summary>A file of its own for a case (cases of one target may run while another target's run).</summary>
        string Scratch(byte[] bytes, string extension)
        {
            var path = Path.Combine(_folder, $"case-{Interlocked.Increment(ref _file)}{extension}");
            File.WriteAllBytes(path, bytes);
            return path;
        }

        void WithFile(byte[] bytes, string extension, Action<string> run)
        {
            var path = Scratch(bytes, extension);
            try {
                run(path);
            } finally {
                File.Delete(path);
            }
        }

        /// <summary>The gml model seed (with its manifest of entry hashes).</summary>
        public byte[] ModelSeed => _model;

        /// <summary>The zip without the entry named <paramref name="name"/> (the others rewritten as the zip mutations rewrite them).</summary>
        public static byte[] WithoutEntry(byte[] zip, string name)
        {
            using var input = new System.IO.Compression.ZipArchive(new MemoryStream(zip), System.IO.Compression.ZipArchiveMode.Read);
            var output = new MemoryStream();
            using (var archive = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
                foreach (var e in input.Entries.Where(e => e.FullName != name)) {
                    using var from = e.Open();
                    using var to = archive.CreateEntry(e.FullName, System.IO.Compression.CompressionLevel.Fastest).Open();
                    from.CopyTo(to);
                }
            return output.ToArray();
        }

        static readonly float[][] Rows = { new[] { 0.5f, 0f, -0.5f, 2f }, new[] { 0.1f, -0.8f, -0.1f, 4f } };

        public IReadOnlyList<FuzzTarget> All => new[] { GmlCsv, TableCsvReader, MlNetModel, BatchedModel, BatchedGraphsUnverified, GmlModel, Synthesizer, SynthesizerUnverified };

        /// <summary>gml's CSV reader, whole and in chunks: a CliException naming the file, line and column, or numbers.</summary>
        public FuzzTarget GmlCsv => new("csv (gml)", Fuzzer.Mutated(_csv), bytes => WithFile(bytes, ".csv", path => {
            var table = CsvTable.Read(path, null);
            foreach (var chunk in CsvTable.Chunks(path, table.Columns, 7)) _ = chunk.Count;
        }), e => e is CliException);

        /// <summary>The library's table reader (mixed columns): a TableCsvException or TableSchemaException naming what is wrong.</summary>
        public FuzzTarget TableCsvReader => new("csv (tables)", Fuzzer.Mutated(_mixedCsv), bytes => WithFile(bytes, ".csv", path => TableCsv.Read(path)),
            e => e is TableCsvException or TableSchemaException);

        /// <summary>
        /// ML.NET's own Model.Load, then scoring: ML.NET's loader is not ours, so any managed exception short of a crash
        /// counts as a refusal except those that say a bug (null reference, index out of range, a failed cast) or a
        /// resource limit (out of memory). It trusts the sizes a file declares (a byte array of a declared Int32 length is
        /// allocated before the bytes run out): a case may allocate gigabytes (8.6 GB was seen, a count in one of its own
        /// entries) and take seconds (8.5 s, a graph's declared length) before it fails. LoadBatched checks the manifest,
        /// the graphs' sizes and their hashes before ML.NET's loader sees the file.
        /// </summary>
        public FuzzTarget MlNetModel => new("model zip (ML.NET Model.Load)", Fuzzer.MutatedZip(_model), bytes => {
            var ml = new MLContext();
            ml.ComponentCatalog.RegisterAssembly(typeof(Generative.ML.Transformers.GenerativeTransformer).Assembly);
            using var stream = new MemoryStream(bytes);
            var model = ml.Model.Load(stream, out var schema);
            try {
                ConsumeAll(model.Transform(new ColumnsDataView(schema.Select(c => c.Name).Where(n => n != ModelFile.Seed).ToArray(), Rows, ModelFile.Seed)));
            } finally {
                (model as IDisposable)?.Dispose();
            }
        }, e => !IsBug(e)) { AllocationLimit = 16L << 30, TimeLimit = TimeSpan.FromSeconds(30) };

        /// <summary>LoadBatched, then scoring: a ModelFileException naming the file (and the part), or scores.</summary>
        public FuzzTarget BatchedModel => new("model zip (LoadBatched)", Fuzzer.MutatedZip(_model), bytes => WithFile(bytes, ".zip", path => Batched(path, verify: true)),
            e => e is ModelFileException);

        /// <summary>
        /// The ONNX graphs inside the zip mutated with the hash checks off, so the mutations reach ONNX Runtime and
        /// ML.NET's loaders. Past the checks, ML.NET's loader trusts the counts in its own entries: a damaged one made it
        /// allocate 8.6 GB (untouched, so in 56 ms) before it failed, which is why the manifest is checked first.
        /// </summary>
        public FuzzTarget BatchedGraphsUnverified => new("onnx graphs in a zip (hash check off)", Fuzzer.MutatedZip(_model, focus: "OnnxModel"),
            bytes => WithFile(bytes, ".zip", path => Batched(path, verify: false)), e => e is ModelFileException) { AllocationLimit = 16L << 30 };

        static void Batched(string path, bool verify)
        {
            var ml = new MLContext();
            var model = BatchedLoading.LoadBatched(ml.Model, path, out var schema, verify);
            try {
                ConsumeAll(model.Transform(new ColumnsDataView(schema.Select(c => c.Name).Where(n => n != ModelFile.Seed).ToArray(), Rows, ModelFile.Seed)));
            } catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException) {
                // Loaded, but the pipeline in the file does not take the rows a gml model takes: a file of another shape.
                throw new ModelFileException(path, null, "another model's shape: " + e.Message, e);
            } finally {
                (model as IDisposable)?.Dispose();
            }
        }

        /// <summary>gml's model loading and scoring: a CliException (one error line), or scores.</summary>
        public FuzzTarget GmlModel => new("model zip (gml)", Fuzzer.MutatedZip(_model), bytes => WithFile(bytes, ".zip", path => {
            var model = ModelFile.Load(path);
            try {
                ConsumeAll(ModelFile.Transform(model, Rows.Select(r => r.Take(model.Columns.Length).Concat(new float[Math.Max(0, model.Columns.Length - r.Length)]).ToArray()).ToArray()));
            } finally {
                (model.Pipeline as IDisposable)?.Dispose();
            }
        }), e => e is CliException);

        /// <summary>TableSynthesizer.Load, then generating and scoring: a ModelFileException naming the file and the entry, or rows.</summary>
        public FuzzTarget Synthesizer => new("table synthesizer file", Fuzzer.MutatedZip(_synthesizer),
            bytes => WithFile(bytes, ".zip", path => Synthesize(path, verify: true)), e => e is ModelFileException);

        /// <summary>The synthesizer's entries mutated with the hash check off, so the mutations reach the JSON readers and ONNX Runtime.</summary>
        public FuzzTarget SynthesizerUnverified => new("table synthesizer file (hash check off)", Fuzzer.MutatedZip(_synthesizer),
            bytes => WithFile(bytes, ".zip", path => Synthesize(path, verify: false)), e => e is ModelFileException);

        static void Synthesize(string path, bool verify)
        {
            using var synthesizer = TableSynthesizer.Load(path, null, verify);
            var rows = synthesizer.Generate(5, seed: 3);
            _ = synthesizer.Score(rows).Scores.Sum();
        }

        static void ConsumeAll(IDataView view)
        {
            using var cursor = view.GetRowCursor(view.Schema);
            var getters = view.Schema.Select(c => c.Type.RawType == typeof(float) ? cursor.GetGetter<float>(c) as Delegate : null).ToArray();
            while (cursor.MoveNext())
                foreach (var g in getters.OfType<Microsoft.ML.ValueGetter<float>>()) {
                    float v = 0;
                    g(ref v);
                }
        }

        /// <summary>Exceptions that say a bug or a resource limit rather than a refusal of bad bytes.</summary>
        public static bool IsBug(Exception e)
        {
            for (Exception? x = e; x is not null; x = x.InnerException)
                if (x is NullReferenceException or IndexOutOfRangeException or InvalidCastException or OutOfMemoryException or AccessViolationException or StackOverflowException)
                    return true;
            return false;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Generative.ML;
using Generative.ML.Estimators;
using Generative.ML.Graphs;
using Generative.ML.Transformers;
using Generative.ML.Transformers.Glue;
using Microsoft.ML;
using Microsoft.ML.Data;

using static Generative.ML.Bench.Statistics;
namespace Generative.ML.Bench
{
    /// <summary>
    /// Anomaly scoring of a 64-feature VAE (hidden 64-32, latent 8) inside ML.NET: the fitted pipeline (blocks of rows
    /// per ONNX Runtime call), the same pipeline after Save and Load (ML.NET's chain, one call per row), a bare
    /// ApplyOnnxModel over the same scorer graph, and the direct batch API. Rows per second, each over the same rows.
    /// </summary>
    internal static class PipelineBenchmark
    {
        public const int Width = 64;

        public sealed class Row
        {
            [VectorType(Width)] public float[] Features { get; set; } = Array.Empty<float>();
        }

        sealed class Input
        {
            [VectorType(Width)] public float[] Features { get; set; } = Array.Empty<float>();
        }

        sealed class Scored
        {
            public float Score { get; set; }
        }

        public static Row[] Rows(int count, int seed)
        {
            var r = new Random(seed);
            return Enumerable.Range(0, count).Select(_ => new Row { Features = Enumerable.Range(0, Width).Select(_ => (float)r.NextDouble()).ToArray() }).ToArray();
        }

        /// <summary>Rows/s of each path (median over rounds) and its ratio to the bare transform (median of the per-round ratios).</summary>
        public sealed record Result(IReadOnlyList<(string Name, double Rate, double Ratio)> Paths, double EngineMicros, double BareEngineMicros,
                                   byte[] Scorer, float[] Sample);

        public const string Bare = "bare ApplyOnnxModel (per row)";

        public static Result Run(int rows, int threads, string directory, int rounds = 5)
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows(20_000, 1));
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions {
                LatentSize = 8, HiddenSizes = new long[] { 64, 32 }, Epochs = 3, Seed = 1, Threads = threads, FeatureContributionsColumnName = null,
            }).Fit(train);
            var data = ml.Data.LoadFromEnumerable(Rows(rows, 2));
            var zip = Path.Combine(directory, "model.zip");
            ml.Model.Save(model, train.Schema, zip);
            var loaded = ml.Model.Load(zip, out _);
            var loadedBatched = ml.Model.LoadBatched(zip, out _);
            ITransformer bare;
            using (var stream = new MemoryStream(model.OnnxModel))
                bare = ml.Transforms.ApplyOnnxModel(new[] { GraphContract.Pipeline.ScoreVector }, new[] { "Features" }, stream).Fit(data);
            using var scorer = model.CreateBatchScorer();
            var flat = ml.Data.CreateEnumerable<Row>(data, reuseRowObject: true).SelectMany(r => r.Features).ToArray();
            // The blocks are cut once, outside the timing: the batch API takes arrays, and cutting them per pass would
            // time the allocator (256 KB a block, on the large-object heap) rather than the scoring.
            const int block = 1024;
            var blocks = Enumerable.Range(0, (rows + block - 1) / block)
                .Select(b => flat.AsSpan(b * block * Width, Math.Min(block, rows - b * block) * Width).ToArray()).ToArray();

            var paths = new (string name, Action pass)[] {
                ("fitted pipeline (in memory)", () => ReadScalar(model.Transform(data), "Score")),
                ("same pipeline after Model.Load", () => ReadScalar(loaded.Transform(data), "Score")),
                ("same pipeline after Model.LoadBatched", () => ReadScalar(loadedBatched.Transform(data), "Score")),
                (Bare, () => ReadVector(bare.Transform(data), GraphContract.Pipeline.ScoreVector)),
                ("direct batch API (1024 rows/call)", () => { foreach (var b in blocks) scorer.Score(b); }),
            };
            // Interleaved rounds: each round times every path once, so a slow spell of the machine hits them alike, and
            // each path's ratio to the bare transform is taken within the round.
            foreach (var (_, pass) in paths) pass();
            var seconds = paths.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < rounds; round++)
                for (var i = 0; i < paths.Length; i++) {
                    var sw = Stopwatch.StartNew();
                    paths[i].pass();
                    seconds[i].Add(sw.Elapsed.TotalSeconds);
                }
            var bareIndex = Array.FindIndex(paths, p => p.name == Bare);
            var result = paths.Select((p, i) => (p.name, rows / Median(seconds[i]),
                                                 Median(seconds[i].Select((t, r) => seconds[bareIndex][r] / t).ToList()))).ToList();

            var one = new Input { Features = flat.AsSpan(0, Width).ToArray() };
            var engine = ml.Model.CreatePredictionEngine<Input, Scored>(model);
            var bareEngine = ml.Model.CreatePredictionEngine<Input, BareScored>(bare);
            var micros = Latency(() => engine.Predict(one));
            var bareMicros = Latency(() => bareEngine.Predict(one));
            return new Result(result, micros, bareMicros, model.OnnxModel, flat.AsSpan(0, 1024 * Width).ToArray());
        }

        sealed class BareScored
        {
            [ColumnName(GraphContract.Pipeline.ScoreVector)] public float[] Score { get; set; } = Array.Empty<float>();
        }

        /// <summary>Median microseconds per single-row prediction over 7 rounds of 2,000.</summary>
        static double Latency(Action predict)
        {
            for (var i = 0; i < 2000; i++) predict();
            return Enumerable.Range(0, 7).Select(_ => {
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < 2000; i++) predict();
                return sw.Elapsed.TotalMilliseconds * 1000 / 2000;
            }).OrderBy(t => t).ElementAt(3);
        }

        static void ReadScalar(IDataView view, string column)
        {
            using var cursor = view.GetRowCursor(new[] { view.Schema[column] });
            var getter = cursor.GetGetter<float>(view.Schema[column]);
            var value = 0f;
            while (cursor.MoveNext()) getter(ref value);
        }

        static void ReadVector(IDataView view, string column)
        {
            using var cursor = view.GetRowCursor(new[] { view.Schema[column] });
            var getter = cursor.GetGetter<VBuffer<float>>(view.Schema[column]);
            var value = default(VBuffer<float>);
            while (cursor.MoveNext()) getter(ref value);
        }
    }
}

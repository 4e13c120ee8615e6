using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Generative.ML.Estimators;
using Generative.ML.Transformers;
using Generative.ML.Transformers.Glue;
using Microsoft.ML;
using Microsoft.ML.Data;

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

        public sealed record Result(double Pipeline, double Loaded, double Bare, double Batch, double EngineMicros, double BareEngineMicros, byte[] Scorer, float[] Sample);

        public static Result Run(int rows, int threads, string directory)
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows(20_000, 1));
            var model = ml.Transforms.VaeAnomalyScore("Features", new VariationalAutoencoderOptions {
                LatentSize = 8, HiddenSizes = new long[] { 64, 32 }, Epochs = 3, Seed = 1, Threads = threads, FeatureContributionsColumnName = null,
            }).Fit(train);
            var data = ml.Data.LoadFromEnumerable(Rows(rows, 2));

            var pipeline = Rate(() => ReadScalar(model.Transform(data), "Score"), rows);
            var zip = Path.Combine(directory, "model.zip");
            ml.Model.Save(model, train.Schema, zip);
            var loaded = ml.Model.Load(zip, out _);
            var afterLoad = Rate(() => ReadScalar(loaded.Transform(data), "Score"), rows);

            ITransformer bare;
            using (var stream = new MemoryStream(model.OnnxModel))
                bare = ml.Transforms.ApplyOnnxModel(new[] { ScoreVectors.ScoreColumn }, new[] { "Features" }, stream).Fit(data);
            var bareRate = Rate(() => ReadVector(bare.Transform(data), ScoreVectors.ScoreColumn), rows);

            using var scorer = model.CreateBatchScorer();
            var flat = ml.Data.CreateEnumerable<Row>(data, reuseRowObject: true).SelectMany(r => r.Features).ToArray();
            // The blocks are cut once, outside the timing: the batch API takes arrays, and cutting them per pass would
            // time the allocator (256 KB a block, on the large-object heap) rather than the scoring.
            const int block = 1024;
            var blocks = Enumerable.Range(0, (rows + block - 1) / block)
                .Select(b => flat.AsSpan(b * block * Width, Math.Min(block, rows - b * block) * Width).ToArray()).ToArray();
            var batchRate = Rate(() => {
                foreach (var b in blocks) scorer.Score(b);
            }, rows);

            var one = new Input { Features = flat.AsSpan(0, Width).ToArray() };
            var engine = ml.Model.CreatePredictionEngine<Input, Scored>(model);
            var bareEngine = ml.Model.CreatePredictionEngine<Input, BareScored>(bare);
            var micros = Latency(() => engine.Predict(one));
            var bareMicros = Latency(() => bareEngine.Predict(one));
            return new Result(pipeline, afterLoad, bareRate, batchRate, micros, bareMicros, model.OnnxModel, flat.AsSpan(0, 1024 * Width).ToArray());
        }

        sealed class BareScored
        {
            [ColumnName(ScoreVectors.ScoreColumn)] public float[] Score { get; set; } = Array.Empty<float>();
        }

        /// <summary>Rows per second: the median of three timed passes after one warm-up pass.</summary>
        static double Rate(Action pass, int rows)
        {
            pass();
            var times = Enumerable.Range(0, 3).Select(_ => { var sw = Stopwatch.StartNew(); pass(); return sw.Elapsed.TotalSeconds; }).OrderBy(t => t).ToArray();
            return rows / times[1];
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

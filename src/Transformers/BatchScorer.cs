using System;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace Generative.ML.Transformers
{
    /// <summary>
    /// The direct batch API, outside pipelines: B rows in one flat buffer (row after row), one ONNX Runtime call. The
    /// sessions are made on first use and are safe to share between threads.
    /// </summary>
    public sealed class BatchScorer : IDisposable
    {
        readonly ModelGraphs _graphs;
        readonly SessionOptions _sessionOptions;
        readonly Lazy<InferenceSession> _encoder, _decoder, _scorer;
        readonly RunOptions _run = new();

        internal BatchScorer(ModelGraphs graphs, ScoringOptions? scoring)
        {
            _graphs = graphs;
            _sessionOptions = OnnxBackend.CreateSessionOptions(scoring);
            _encoder = new(() => new InferenceSession(graphs.Encoder, _sessionOptions));
            _decoder = new(() => new InferenceSession(graphs.Decoder, _sessionOptions));
            _scorer = new(() => new InferenceSession(graphs.Scorer, _sessionOptions));
        }

        /// <summary>Codes (posterior means for VAEs), LatentSize values per row.</summary>
        public float[] Encode(float[] rows) => Run(_encoder.Value, _graphs.InputColumnName, rows, _graphs.InputSize, ModelGraphs.Encoded)[0];

        /// <summary>Reconstructions, InputSize values per row.</summary>
        public float[] Reconstruct(float[] rows) => Run(_scorer.Value, _graphs.InputColumnName, rows, _graphs.InputSize, ModelGraphs.Reconstructed)[0];

        /// <summary>Anomaly scores and labels (score above the calibrated threshold), one per row.</summary>
        public (float[] Scores, bool[] Labels) Score(float[] rows)
        {
            var (count, input) = Input(rows, _graphs.InputSize, _graphs.InputColumnName);
            using (input) {
                using var outputs = _scorer.Value.Run(_run, new[] { _graphs.InputColumnName }, new[] { input },
                                                      new[] { Glue.ScoreVectors.ScoreColumn, Glue.ScoreVectors.LabelColumn });
                return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[1].GetTensorDataAsSpan<bool>().ToArray());
            }
        }

        /// <summary>Rows generated from given latent vectors (LatentSize values each).</summary>
        public float[] Decode(float[] latent) => Run(_decoder.Value, ModelGraphs.Encoded, latent, _graphs.LatentSize, ModelGraphs.Reconstructed)[0];

        /// <summary><paramref name="count"/> new rows from z ~ N(0, I) drawn with <paramref name="seed"/>: the same seed, the same rows.</summary>
        public float[] Sample(int count, int seed)
        {
            if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The number of rows to generate must be positive.");
            return Decode(Glue.NoiseGlueFactory.StandardNormal(count * _graphs.LatentSize, seed));
        }

        float[][] Run(InferenceSession session, string inputName, float[] rows, int width, params string[] outputs)
        {
            var (_, input) = Input(rows, width, inputName);
            using (input) {
                using var values = session.Run(_run, new[] { inputName }, new[] { input }, outputs);
                return values.Select(v => v.GetTensorDataAsSpan<float>().ToArray()).ToArray();
            }
        }

        static (int count, OrtValue value) Input(float[] rows, int width, string name)
        {
            if (rows is null) throw new ArgumentNullException(nameof(rows));
            if (rows.Length == 0 || rows.Length % width != 0)
                throw new ArgumentException($"'{name}' takes rows of {width} values; got {rows.Length} values, which is not a positive multiple of {width}.", nameof(rows));
            var count = rows.Length / width;
            return (count, OrtValue.CreateTensorValueFromMemory(rows, new long[] { count, width }));
        }

        public void Dispose()
        {
            foreach (var s in new[] { _encoder, _decoder, _scorer }.Where(l => l.IsValueCreated)) s.Value.Dispose();
            _sessionOptions.Dispose();
            _run.Dispose();
        }
    }
}

using System;
using System.Linq;
using Generative.ML.Graphs;
using Microsoft.ML.OnnxRuntime;

namespace Generative.ML.Transformers
{
    /// <summary>
    /// The direct batch API, outside pipelines: B rows in one flat buffer (row after row), one ONNX Runtime call. The
    /// sessions are made on first use and are safe to share between threads. Conditional models take the rows'
    /// conditions the same way (ConditionSize values per row); other models take none.
    /// </summary>
    public sealed class BatchScorer : IDisposable
    {
        readonly ModelGraphs _graphs;
        readonly SessionOptions _sessionOptions;
        readonly Lazy<InferenceSession> _encoder, _decoder, _scorer, _sampler;
        readonly RunOptions _run = new();
        readonly SessionGate _gate = new(nameof(BatchScorer), "Score, encode or sample before disposing it, or make another from the model's graphs.");

        /// <summary>A scorer over these graphs, on the CPU or the device the options name.</summary>
        public BatchScorer(ModelGraphs graphs, ScoringOptions? scoring = null)
        {
            _graphs = graphs;
            _sessionOptions = OnnxBackend.CreateSessionOptions(scoring);
            _encoder = new(() => {
                graphs.RequireEncoder("encode");
                return new InferenceSession(graphs.Encoder!, _sessionOptions);
            });
            _sampler = new(() => new InferenceSession(graphs.Sampler!, _sessionOptions));
            _decoder = new(() => new InferenceSession(ModelGraphs.Require(graphs.Decoder, "decode"), _sessionOptions));
            _scorer = new(() => new InferenceSession(ModelGraphs.Require(graphs.Scorer, "score or reconstruct"), _sessionOptions));
        }

        /// <summary>Codes (posterior means for VAEs), LatentSize values per row.</summary>
        public float[] Encode(float[] rows, float[]? conditions = null) =>
            Run(_encoder, _graphs.InputColumnName, rows, _graphs.InputSize, conditions, GraphContract.Pipeline.Encoded)[0];

        /// <summary>Reconstructions, InputSize values per row.</summary>
        public float[] Reconstruct(float[] rows, float[]? conditions = null)
        {
            _graphs.RequireEncoder("reconstruct");
            return Run(_scorer, _graphs.InputColumnName, rows, _graphs.InputSize, conditions, GraphContract.Pipeline.Reconstructed)[0];
        }

        /// <summary>Anomaly scores and labels (score above the calibrated threshold), one per row.</summary>
        public (float[] Scores, bool[] Labels) Score(float[] rows, float[]? conditions = null)
        {
            var inputs = Inputs(_graphs.InputColumnName, rows, _graphs.InputSize, conditions);
            try {
                return _gate.Use(() => {
                    using var outputs = _scorer.Value.Run(_run, inputs.Select(i => i.name).ToArray(), inputs.Select(i => i.value).ToArray(),
                                                          new[] { GraphContract.Pipeline.ScoreVector, GraphContract.Pipeline.LabelVector });
                    return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[1].GetTensorDataAsSpan<bool>().ToArray());
                });
            } finally {
                foreach (var (_, value) in inputs) value.Dispose();
            }
        }

        /// <summary>Rows generated from given latent vectors (LatentSize values each).</summary>
        public float[] Decode(float[] latent, float[]? conditions = null) =>
            Run(_decoder, GraphContract.Pipeline.Encoded, latent, _graphs.LatentSize, conditions, GraphContract.Pipeline.Reconstructed)[0];

        /// <summary>
        /// <paramref name="count"/> new rows from noise drawn with <paramref name="seed"/>: the same seed, the same rows. The
        /// sampler graph turns the noise into the model's prior draws (z ~ N(0, I), or a VQ model's code combinations);
        /// without one, the first LatentSize draws of each row are z.
        /// </summary>
        public float[] Sample(int count, int seed, float[]? conditions = null)
        {
            if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The number of rows to generate must be positive.");
            if (_graphs.Sampler is null) return Decode(Glue.NoiseGlueFactory.StandardNormal(count * _graphs.LatentSize, seed), conditions);
            const int width = GraphContract.Pipeline.NoiseWidth;
            return Run(_sampler, GraphContract.Pipeline.Noise, Glue.NoiseGlueFactory.StandardNormal(count * width, seed), width, conditions,
                       GraphContract.Pipeline.Reconstructed)[0];
        }

        float[][] Run(Lazy<InferenceSession> session, string inputName, float[] rows, int width, float[]? conditions, params string[] outputs)
        {
            var inputs = Inputs(inputName, rows, width, conditions);
            try {
                // The session is made, and run, inside the gate: never after Dispose, which would leak or crash.
                return _gate.Use(() => {
                    using var values = session.Value.Run(_run, inputs.Select(i => i.name).ToArray(), inputs.Select(i => i.value).ToArray(), outputs);
                    return values.Select(v => v.GetTensorDataAsSpan<float>().ToArray()).ToArray();
                });
            } finally {
                foreach (var (_, value) in inputs) value.Dispose();
            }
        }

        /// <summary>The rows, and the conditions for conditional models, as tensors over the caller's arrays.</summary>
        (string name, OrtValue value)[] Inputs(string name, float[] rows, int width, float[]? conditions)
        {
            var count = Rows(rows, width, name);
            if (_graphs.ConditionColumnName is not string condition) {
                if (conditions is not null) throw new ArgumentException("This model takes no condition.", nameof(conditions));
                return new[] { (name, OrtValue.CreateTensorValueFromMemory(rows, new long[] { count, width })) };
            }
            if (conditions is null) throw new ArgumentNullException(nameof(conditions), $"This conditional model needs '{condition}' with every row.");
            if (Rows(conditions, _graphs.ConditionSize, condition) != count)
                throw new ArgumentException($"{count} rows but {conditions.Length / _graphs.ConditionSize} conditions.", nameof(conditions));
            return new[] {
                (name, OrtValue.CreateTensorValueFromMemory(rows, new long[] { count, width })),
                (condition, OrtValue.CreateTensorValueFromMemory(conditions, new long[] { count, _graphs.ConditionSize })),
            };
        }

        static int Rows(float[] values, int width, string name)
        {
            if (values is null) throw new ArgumentNullException(nameof(values));
            if (values.Length == 0 || values.Length % width != 0)
                throw new ArgumentException($"'{name}' takes rows of {width} values; got {values.Length} values, which is not a positive multiple of {width}.", nameof(values));
            return values.Length / width;
        }

        /// <summary>Releases the ONNX Runtime sessions.</summary>
        public void Dispose() => _gate.Close(() => {
            foreach (var s in new[] { _encoder, _decoder, _scorer, _sampler }.Where(l => l.IsValueCreated)) s.Value.Dispose();
            _sessionOptions.Dispose();
            _run.Dispose();
        });
    }
}

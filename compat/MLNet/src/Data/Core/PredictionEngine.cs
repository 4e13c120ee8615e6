using System;
using System.Linq;
using Microsoft.ML.Data;

namespace Microsoft.ML
{
    /// <summary>Runs a fitted model on one object at a time. Not thread-safe: one engine per thread.</summary>
    public sealed class PredictionEngine<TSrc, TDst> : IDisposable
        where TSrc : class
        where TDst : class, new()
    {
        private readonly ObjectRow<TSrc> _input;
        private readonly DataViewRow _output;
        private readonly Action<TDst> _fill;
        private bool _disposed;

        internal PredictionEngine(ITransformer transformer, bool ignoreMissingColumns)
        {
            _input = new ObjectRow<TSrc>(TypeSchema.Of(typeof(TSrc), TypeSchema.Direction.Read));
            var mapper = transformer.GetRowToRowMapper(_input.Schema);
            OutputSchema = mapper.OutputSchema;
            var plan = ObjectFiller<TDst>.Plan(OutputSchema, ignoreMissingColumns, nameof(transformer));
            _output = mapper.GetRow(_input, plan.Select(b => b.Column));
            _fill = ObjectFiller<TDst>.Make(_output, plan);
        }

        public DataViewSchema OutputSchema { get; }

        public TDst Predict(TSrc example)
        {
            var prediction = new TDst();
            Predict(example, ref prediction);
            return prediction;
        }

        public void Predict(TSrc example, ref TDst prediction)
        {
            if (_disposed)
                throw new ObjectDisposedException(nameof(PredictionEngine<TSrc, TDst>));
            if (example == null)
                throw new ArgumentNullException(nameof(example));
            prediction ??= new TDst();
            _input.Set(example);
            _fill(prediction);
        }

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            _output.Dispose();
        }
    }
}

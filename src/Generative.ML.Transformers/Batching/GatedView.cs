using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Transformers.Batching
{
    /// <summary>
    /// The chain's view (when rows are not batched) behind its transform's <see cref="SessionGate"/>: ML.NET's ONNX
    /// transform runs its session when a cursor moves or a getter reads, so both happen inside the gate, and after the
    /// transform is disposed they throw instead of running a released session.
    /// </summary>
    internal sealed class GatedView : IDataView
    {
        readonly IDataView _inner;
        readonly SessionGate _gate;

        public GatedView(IDataView inner, SessionGate gate) => (_inner, _gate) = (inner, gate);

        public bool CanShuffle => _inner.CanShuffle;
        public DataViewSchema Schema => _inner.Schema;
        public long? GetRowCount() => _inner.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        {
            _gate.ThrowIfClosed();
            return new Cursor(_inner.GetRowCursor(columnsNeeded, rand), _gate);
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        {
            _gate.ThrowIfClosed();
            return _inner.GetRowCursorSet(columnsNeeded, n, rand).Select(c => (DataViewRowCursor)new Cursor(c, _gate)).ToArray();
        }

        /// <summary>The chain's row mapper (a PredictionEngine's) behind the gate: its rows run the session when read.</summary>
        internal sealed class Mapper : IRowToRowMapper
        {
            readonly IRowToRowMapper _inner;
            readonly SessionGate _gate;

            public Mapper(IRowToRowMapper inner, SessionGate gate) => (_inner, _gate) = (inner, gate);

            public DataViewSchema InputSchema => _inner.InputSchema;
            public DataViewSchema OutputSchema => _inner.OutputSchema;
            public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) => _inner.GetDependencies(dependingColumns);

            public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
            {
                _gate.ThrowIfClosed();
                return new Row(_inner.GetRow(input, activeColumns), _gate);
            }
        }

        static ValueGetter<TValue> Gated<TValue>(ValueGetter<TValue> getter, SessionGate gate) => (ref TValue value) => {
            gate.Enter();
            try {
                getter(ref value);
            } finally {
                gate.Exit();
            }
        };

        sealed class Row : DataViewRow
        {
            readonly DataViewRow _inner;
            readonly SessionGate _gate;

            public Row(DataViewRow inner, SessionGate gate) => (_inner, _gate) = (inner, gate);

            public override DataViewSchema Schema => _inner.Schema;
            public override long Position => _inner.Position;
            public override long Batch => _inner.Batch;
            public override bool IsColumnActive(DataViewSchema.Column column) => _inner.IsColumnActive(column);
            public override ValueGetter<DataViewRowId> GetIdGetter() => _inner.GetIdGetter();
            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => Gated(_inner.GetGetter<TValue>(column), _gate);

            protected override void Dispose(bool disposing)
            {
                if (disposing) _inner.Dispose();
                base.Dispose(disposing);
            }
        }

        sealed class Cursor : DataViewRowCursor
        {
            readonly DataViewRowCursor _inner;
            readonly SessionGate _gate;

            public Cursor(DataViewRowCursor inner, SessionGate gate) => (_inner, _gate) = (inner, gate);

            public override DataViewSchema Schema => _inner.Schema;
            public override long Position => _inner.Position;
            public override long Batch => _inner.Batch;
            public override bool IsColumnActive(DataViewSchema.Column column) => _inner.IsColumnActive(column);
            public override ValueGetter<DataViewRowId> GetIdGetter() => _inner.GetIdGetter();

            public override bool MoveNext()
            {
                _gate.Enter();
                try {
                    return _inner.MoveNext();
                } finally {
                    _gate.Exit();
                }
            }

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => Gated(_inner.GetGetter<TValue>(column), _gate);

            protected override void Dispose(bool disposing)
            {
                if (disposing) _inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Transformers.Batching
{
    /// <summary>
    /// The fitted transform's output computed a block of rows at a time: one ONNX Runtime call per block instead of
    /// ML.NET's one per row. The schema is the saveable chain's; input columns pass through from a cursor that moves
    /// row by row, while a second cursor reads the feature column ahead to fill the block.
    /// </summary>
    internal sealed class BatchedView : IDataView
    {
        public const int BlockRows = 1024;

        readonly IDataView _source;
        readonly GraphRunner _runner;
        readonly int[] _outputIndex; // output schema index -> index into _runner.Outputs, or -1 for a passed-through column

        BatchedView(IDataView source, DataViewSchema schema, GraphRunner runner, int[] outputIndex)
        {
            _source = source;
            Schema = schema;
            _runner = runner;
            _outputIndex = outputIndex;
        }

        /// <summary>
        /// The batched view, when the chain's output is the source's columns followed by exactly the expected new ones;
        /// null otherwise (the caller then uses the chain itself).
        /// </summary>
        public static BatchedView? TryCreate(IDataView source, DataViewSchema chainSchema, GraphRunner runner)
        {
            var sourceCount = source.Schema.Count;
            if (chainSchema.Count != sourceCount + runner.Outputs.Count) return null;
            if (source.Schema.GetColumnOrNull(runner.Input) is not { Type: VectorDataViewType v } || v.Size != runner.Width || v.ItemType != NumberDataViewType.Single)
                return null;
            var index = new int[chainSchema.Count];
            for (var i = 0; i < sourceCount; i++) {
                if (chainSchema[i].Name != source.Schema[i].Name || !chainSchema[i].Type.Equals(source.Schema[i].Type)) return null;
                index[i] = -1;
            }
            for (var j = 0; j < runner.Outputs.Count; j++) {
                if (chainSchema[sourceCount + j].Name != runner.Outputs[j].Column) return null;
                index[sourceCount + j] = j;
            }
            return new BatchedView(source, chainSchema, runner, index);
        }

        public bool CanShuffle => false;
        public DataViewSchema Schema { get; }

        public long? GetRowCount() => _source.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        {
            var needed = columnsNeeded.Select(c => c.Index).ToHashSet();
            var passThrough = _source.Schema.Where(c => needed.Contains(c.Index)).ToArray();
            var ours = needed.Any(i => _outputIndex[i] >= 0);
            if (!ours) return new Cursor(this, _source.GetRowCursor(passThrough), null, needed);
            // Only new columns asked for: the read-ahead cursor alone walks the rows.
            var main = passThrough.Length == 0 ? null : _source.GetRowCursor(passThrough);
            return new Cursor(this, main, _source.GetRowCursor(new[] { _source.Schema[_runner.Input] }), needed);
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
            new[] { GetRowCursor(columnsNeeded, rand) };

        sealed class Cursor : DataViewRowCursor
        {
            readonly BatchedView _view;
            readonly DataViewRowCursor? _main;
            readonly DataViewRowCursor? _ahead;
            long _position = -1;
            readonly ValueGetter<VBuffer<float>>? _features;
            readonly HashSet<int> _active;
            readonly float[] _block;
            Array[] _results = Array.Empty<Array>();
            int _rowsInBlock, _rowInBlock = -1;
            VBuffer<float> _row;

            public Cursor(BatchedView view, DataViewRowCursor? main, DataViewRowCursor? ahead, HashSet<int> active)
            {
                _view = view;
                _main = main;
                _ahead = ahead;
                _active = active;
                _block = new float[BlockRows * view._runner.Width];
                if (ahead != null) _features = ahead.GetGetter<VBuffer<float>>(ahead.Schema[view._runner.Input]);
            }

            public override DataViewSchema Schema => _view.Schema;
            public override long Position => _main?.Position ?? _position;
            public override long Batch => _main?.Batch ?? 0;

            public override bool MoveNext()
            {
                if (_main is not null && !_main.MoveNext()) return false;
                if (_ahead is not null && ++_rowInBlock >= _rowsInBlock) {
                    Fill();
                    if (_rowsInBlock == 0) return false;
                }
                _position++;
                return true;
            }

            /// <summary>Reads the next block of rows ahead and scores it in one call.</summary>
            void Fill()
            {
                var width = _view._runner.Width;
                var rows = 0;
                while (rows < BlockRows && _ahead!.MoveNext()) {
                    _features!(ref _row);
                    _row.CopyTo(_block, rows * width);
                    rows++;
                }
                _rowsInBlock = rows;
                _rowInBlock = 0;
                _results = rows == 0 ? Array.Empty<Array>() : _view._runner.Run(_block, rows);
            }

            public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
            {
                var output = _view._outputIndex[column.Index];
                if (output < 0) return _main!.GetGetter<TValue>(_main.Schema[column.Index]);
                var spec = _view._runner.Outputs[output];
                if (spec.Boolean) return (ValueGetter<TValue>)(Delegate)(ValueGetter<bool>)((ref bool value) => value = ((bool[])_results[output])[_rowInBlock]);
                if (spec.Scalar) return (ValueGetter<TValue>)(Delegate)(ValueGetter<float>)((ref float value) => value = ((float[])_results[output])[_rowInBlock]);
                return (ValueGetter<TValue>)(Delegate)(ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) => {
                    var editor = VBufferEditor.Create(ref value, spec.Width);
                    ((float[])_results[output]).AsSpan(_rowInBlock * spec.Width, spec.Width).CopyTo(editor.Values);
                    value = editor.Commit();
                });
            }

            // Without a row-by-row cursor the read-ahead one is a block ahead: the id is then the position, as in ML.NET's in-memory views.
            public override ValueGetter<DataViewRowId> GetIdGetter() =>
                _main?.GetIdGetter() ?? ((ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0));

            protected override void Dispose(bool disposing)
            {
                if (disposing) {
                    _main?.Dispose();
                    _ahead?.Dispose();
                }
                base.Dispose(disposing);
            }
        }
    }
}

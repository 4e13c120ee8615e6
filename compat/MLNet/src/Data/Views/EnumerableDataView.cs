using System;
using System.Collections.Generic;
using System.Linq;

namespace Microsoft.ML.Data
{
    /// <summary>
    /// A data view over an IEnumerable of objects. Lazy: each cursor enumerates the sequence afresh, reading only the
    /// members of the columns it was asked for.
    /// </summary>
    internal sealed class EnumerableDataView<TRow> : IDataView
        where TRow : class
    {
        private readonly IEnumerable<TRow> _data;
        private readonly TypeSchema _type;

        public EnumerableDataView(IEnumerable<TRow> data)
        {
            _data = data ?? throw new ArgumentNullException(nameof(data));
            _type = TypeSchema.Of(typeof(TRow), TypeSchema.Direction.Read);
            Schema = _type.ToSchema();
        }

        public bool CanShuffle => false;
        public DataViewSchema Schema { get; }
        public long? GetRowCount() => _data is ICollection<TRow> collection ? collection.Count : null;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random rand = null)
            => new Cursor(this, RowMap.ActivityOf(columnsNeeded, Schema));

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random rand = null)
            => new[] { GetRowCursor(columnsNeeded, rand) };

        private sealed class Cursor : DataViewRowCursor
        {
            private readonly EnumerableDataView<TRow> _view;
            private readonly IEnumerator<TRow> _rows;
            private readonly Delegate[] _getters;
            private readonly bool[] _active;
            private long _position = -1;
            private TRow _current;

            public Cursor(EnumerableDataView<TRow> view, Func<int, bool> active)
            {
                _view = view;
                _rows = view._data.GetEnumerator();
                _active = Enumerable.Range(0, view.Schema.Count).Select(active).ToArray();
                _getters = new Delegate[_active.Length];
                for (int i = 0; i < _active.Length; i++)
                    if (_active[i])
                        _getters[i] = view._type.Columns[i].MakeGetter(Current);
            }

            private TRow Current()
            {
                if (_position < 0)
                    throw new InvalidOperationException("The cursor is not on a row: call MoveNext first.");
                return _current ?? throw new InvalidOperationException($"Row {_position} of the sequence is null.");
            }

            public override DataViewSchema Schema => _view.Schema;
            public override long Position => _position;
            public override long Batch => 0;

            public override ValueGetter<DataViewRowId> GetIdGetter()
                => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

            public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
                => Getters.Typed<TValue>(_getters, _active, Schema, column);

            public override bool MoveNext()
            {
                if (_rows.MoveNext())
                {
                    _current = _rows.Current;
                    _position++;
                    return true;
                }
                _current = null;
                _position = -1;
                return false;
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                    _rows.Dispose();
                base.Dispose(disposing);
            }
        }
    }

    /// <summary>Shared checks for cursors that hold one getter per column.</summary>
    internal static class Getters
    {
        public static ValueGetter<TValue> Typed<TValue>(Delegate[] getters, bool[] active, DataViewSchema schema, DataViewSchema.Column column)
        {
            if (column.Index < 0 || column.Index >= schema.Count)
                throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' is not in this cursor's schema.");
            if (!active[column.Index])
                throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor; request it when the cursor is created.");
            return getters[column.Index] as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Invalid TValue in GetGetter: '{typeof(TValue)}', expected type: '{schema[column.Index].Type.RawType}'.");
        }
    }

    /// <summary>One object as a row; its position moves on each time a new object is set, so per-row caches refresh.</summary>
    internal sealed class ObjectRow<TRow> : DataViewRow
        where TRow : class
    {
        private readonly TypeSchema _type;
        private readonly Delegate[] _getters;
        private readonly bool[] _active;
        private TRow _current;
        private long _position = -1;

        public ObjectRow(TypeSchema type)
        {
            _type = type;
            Schema = type.ToSchema();
            _active = Enumerable.Repeat(true, Schema.Count).ToArray();
            _getters = type.Columns.Select(c => c.MakeGetter(() => _current)).ToArray();
        }

        public void Set(TRow value)
        {
            _current = value ?? throw new ArgumentNullException(nameof(value));
            _position++;
        }

        public override DataViewSchema Schema { get; }
        public override long Position => _position;
        public override long Batch => 0;
        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);
        public override bool IsColumnActive(DataViewSchema.Column column) => true;
        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => Getters.Typed<TValue>(_getters, _active, Schema, column);
    }

    /// <summary>A data view with a schema and no rows: what a row-to-row mapper is built over.</summary>
    internal sealed class EmptyDataView : IDataView
    {
        public EmptyDataView(DataViewSchema schema) => Schema = schema;

        public bool CanShuffle => true;
        public DataViewSchema Schema { get; }
        public long? GetRowCount() => 0;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random rand = null)
            => new Cursor(Schema, RowMap.ActivityOf(columnsNeeded, Schema));

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random rand = null)
            => new[] { GetRowCursor(columnsNeeded, rand) };

        private sealed class Cursor : DataViewRowCursor
        {
            private readonly Func<int, bool> _active;

            public Cursor(DataViewSchema schema, Func<int, bool> active)
            {
                Schema = schema;
                _active = active;
            }

            public override DataViewSchema Schema { get; }
            public override long Position => -1;
            public override long Batch => 0;
            public override bool MoveNext() => false;
            public override bool IsColumnActive(DataViewSchema.Column column) => _active(column.Index);
            public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => throw new InvalidOperationException("An empty view has no rows.");
            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
                => (ref TValue value) => throw new InvalidOperationException("An empty view has no rows.");
        }
    }
}

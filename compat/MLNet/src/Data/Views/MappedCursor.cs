using System;

namespace Microsoft.ML.Data
{
    /// <summary>
    /// A row (or cursor) of a <see cref="RowMap"/>'s output over a row (or cursor) of its input. Kept columns read the
    /// input's getters; added columns read getters the mapper made once for this cursor.
    /// </summary>
    internal sealed class MappedCursor : DataViewRowCursor
    {
        private readonly DataViewRow _input;
        private readonly RowMap _map;
        private readonly bool[] _active;
        private readonly Delegate[] _getters;
        private readonly Action _disposer;
        private bool _disposed;

        public MappedCursor(DataViewRow input, RowMap map, Func<int, bool> activeOutput)
        {
            _input = input;
            _map = map;
            _active = new bool[map.Output.Count];
            for (int i = 0; i < _active.Length; i++)
                _active[i] = activeOutput(i);
            int kept = map.Kept.Length;
            _getters = map.Mapper != null && map.Added.Length > 0
                ? map.Mapper.CreateGetters(input, j => _active[kept + j], out _disposer)
                : Array.Empty<Delegate>();
        }

        public override DataViewSchema Schema => _map.Output;
        public override long Position => _input.Position;
        public override long Batch => _input.Batch;
        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[CheckIndex(column)];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            int index = CheckIndex(column);
            var output = _map.Output[index];
            if (!_active[index])
                throw new InvalidOperationException($"Column '{output.Name}' is not active in this cursor; request it when the cursor is created.");
            if (output.Type.RawType != typeof(TValue))
                throw new InvalidOperationException($"Invalid TValue in GetGetter: '{typeof(TValue)}', expected type: '{output.Type.RawType}'.");
            int kept = _map.Kept.Length;
            if (index < kept)
                return _input.GetGetter<TValue>(_input.Schema[_map.Kept[index]]);
            return (ValueGetter<TValue>)_getters[index - kept];
        }

        public override bool MoveNext()
        {
            if (_input is DataViewRowCursor cursor)
                return cursor.MoveNext();
            throw new InvalidOperationException("This row maps a single input row; it cannot move.");
        }

        private int CheckIndex(DataViewSchema.Column column)
        {
            if (column.Index < 0 || column.Index >= _map.Output.Count)
                throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' is not in this row's schema.");
            return column.Index;
        }

        protected override void Dispose(bool disposing)
        {
            if (_disposed)
                return;
            _disposed = true;
            if (disposing)
            {
                _disposer?.Invoke();
                _input.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace Microsoft.ML.Data
{
    /// <summary>The rows of a source view for which a per-row test holds; the test may read its own columns.</summary>
    internal sealed class FilterDataView : IDataView
    {
        private readonly IDataView _source;
        private readonly int[] _testColumns;
        private readonly Func<DataViewRow, Func<bool>> _makeTest;

        /// <param name="makeTest">Given a cursor with <paramref name="testColumns"/> active, a test of its current row.</param>
        public FilterDataView(IDataView source, int[] testColumns, Func<DataViewRow, Func<bool>> makeTest)
        {
            _source = source;
            _testColumns = testColumns;
            _makeTest = makeTest;
        }

        public bool CanShuffle => false;
        public DataViewSchema Schema => _source.Schema;
        public long? GetRowCount() => null;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random rand = null)
        {
            var needed = columnsNeeded.Select(c => c.Index).Concat(_testColumns).Distinct().Select(i => Schema[i]);
            var input = _source.GetRowCursor(needed, rand);
            return new Cursor(input, _makeTest(input), RowMap.ActivityOf(columnsNeeded, Schema));
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random rand = null)
            => new[] { GetRowCursor(columnsNeeded, rand) };

        private sealed class Cursor : DataViewRowCursor
        {
            private readonly DataViewRowCursor _input;
            private readonly Func<bool> _test;
            private readonly Func<int, bool> _active;
            private long _position = -1;

            public Cursor(DataViewRowCursor input, Func<bool> test, Func<int, bool> active)
            {
                _input = input;
                _test = test;
                _active = active;
            }

            public override DataViewSchema Schema => _input.Schema;
            public override long Position => _position;
            public override long Batch => _input.Batch;
            public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();
            public override bool IsColumnActive(DataViewSchema.Column column) => _active(column.Index);

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
            {
                if (!_active(column.Index))
                    throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor; request it when the cursor is created.");
                return _input.GetGetter<TValue>(column);
            }

            public override bool MoveNext()
            {
                while (_input.MoveNext())
                {
                    if (_test())
                    {
                        _position++;
                        return true;
                    }
                }
                _position = -1;
                return false;
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                    _input.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}

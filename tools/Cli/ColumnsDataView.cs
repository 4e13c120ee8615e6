using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Cli
{
    /// <summary>Rows of named Single columns (the CSV's), as an ML.NET data view.</summary>
    internal sealed class ColumnsDataView : IDataView
    {
        readonly IReadOnlyList<float[]> _rows;

        public ColumnsDataView(IReadOnlyList<string> columns, IReadOnlyList<float[]> rows)
        {
            var builder = new DataViewSchema.Builder();
            foreach (var c in columns) builder.AddColumn(c, NumberDataViewType.Single);
            Schema = builder.ToSchema();
            _rows = rows;
        }

        public bool CanShuffle => false;
        public DataViewSchema Schema { get; }
        public long? GetRowCount() => _rows.Count;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
            new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
            new[] { GetRowCursor(columnsNeeded, rand) };

        sealed class Cursor(ColumnsDataView view, HashSet<int> active) : DataViewRowCursor
        {
            int _row = -1;

            public override DataViewSchema Schema => view.Schema;
            public override long Position => _row;
            public override long Batch => 0;
            public override bool MoveNext() => ++_row < view._rows.Count;
            public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
            {
                var index = column.Index;
                return (ValueGetter<TValue>)(Delegate)(ValueGetter<float>)((ref float value) => value = view._rows[_row][index]);
            }

            public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_row, 0);
        }
    }
}

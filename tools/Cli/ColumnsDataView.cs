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
        readonly IReadOnlyList<long>? _seeds;

        /// <summary>Single columns over <paramref name="rows"/>, and with <paramref name="seedColumn"/> a last Int64 column of <paramref name="seeds"/>.</summary>
        public ColumnsDataView(IReadOnlyList<string> columns, IReadOnlyList<float[]> rows, string? seedColumn = null, IReadOnlyList<long>? seeds = null)
        {
            var builder = new DataViewSchema.Builder();
            foreach (var c in columns) builder.AddColumn(c, NumberDataViewType.Single);
            if (seedColumn is not null) builder.AddColumn(seedColumn, NumberDataViewType.Int64);
            Schema = builder.ToSchema();
            _rows = rows;
            _seeds = seedColumn is null ? null : seeds ?? new long[rows.Count];
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
                if (view._seeds is not null && index == view.Schema.Count - 1)
                    return (ValueGetter<TValue>)(Delegate)(ValueGetter<long>)((ref long value) => value = view._seeds[_row]);
                return (ValueGetter<TValue>)(Delegate)(ValueGetter<float>)((ref float value) => value = view._rows[_row][index]);
            }

            public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_row, 0);
        }
    }
}

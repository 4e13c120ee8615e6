using System;
using System.Collections.Generic;
using System.Linq;

namespace Microsoft.ML.Data
{
    /// <summary>The lazy output of a row-to-row transform: nothing runs until a cursor asks for a column.</summary>
    internal sealed class MappedDataView : IDataView
    {
        private readonly IDataView _source;
        private readonly RowMap _map;

        public MappedDataView(IDataView source, RowMap map)
        {
            _source = source;
            _map = map;
        }

        public bool CanShuffle => _source.CanShuffle;
        public DataViewSchema Schema => _map.Output;
        public long? GetRowCount() => _source.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random rand = null)
        {
            var activeOutput = RowMap.ActivityOf(columnsNeeded, Schema);
            var inputActive = _map.InputActivity(activeOutput);
            var input = _source.GetRowCursor(_source.Schema.Where(c => inputActive[c.Index]), rand);
            return new MappedCursor(input, _map, activeOutput);
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random rand = null)
            => new[] { GetRowCursor(columnsNeeded, rand) };
    }

    /// <summary>A <see cref="RowMap"/> as an <see cref="IRowToRowMapper"/>.</summary>
    internal sealed class MappedRowToRowMapper : IRowToRowMapper
    {
        private readonly RowMap _map;

        public MappedRowToRowMapper(RowMap map) => _map = map;

        public DataViewSchema InputSchema => _map.Input;
        public DataViewSchema OutputSchema => _map.Output;

        public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
        {
            var active = _map.InputActivity(RowMap.ActivityOf(dependingColumns, OutputSchema));
            return InputSchema.Where(c => active[c.Index]).ToArray();
        }

        public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
        {
            if (input == null)
                throw new ArgumentNullException(nameof(input));
            if (input.Schema != InputSchema)
                throw new ArgumentException("The row's schema is not the schema this mapper was made for.", nameof(input));
            return new MappedCursor(input, _map, RowMap.ActivityOf(activeColumns, OutputSchema));
        }
    }

    /// <summary>The helpers every row-to-row transformer uses for its ITransformer members.</summary>
    internal static class RowMapping
    {
        public static IDataView Transform(IDataView input, RowMap map) => new MappedDataView(input, map);

        public static IRowToRowMapper Mapper(RowMap map) => new MappedRowToRowMapper(map);

        /// <summary>A typed getter as a Delegate; <paramref name="rawType"/> picks TValue.</summary>
        public static Delegate Getter(DataViewRow row, DataViewSchema.Column column)
            => (Delegate)typeof(DataViewRow).GetMethod(nameof(DataViewRow.GetGetter))!
                .MakeGenericMethod(column.Type.RawType).Invoke(row, new object[] { column });
    }
}

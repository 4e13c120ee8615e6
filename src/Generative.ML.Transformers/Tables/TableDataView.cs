using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Transformers.Tables
{
    /// <summary>ML.NET data views to tables and back, in the columns' own types.</summary>
    internal static class TableDataView
    {
        /// <summary>
        /// Reads <paramref name="columns"/> of <paramref name="data"/> (all its visible columns when null) into a table:
        /// Single and Double are continuous, the integer types integer, Boolean, text and key columns categorical
        /// (<paramref name="categorical"/> makes named integer columns categorical too). A column of any other type (a
        /// vector, a date) is refused by name. At most <paramref name="maxRows"/> rows are kept: a larger table gives a
        /// uniform sample of its rows (seeded by <paramref name="seed"/>), read in one pass.
        /// </summary>
        public static TableData Read(IDataView data, IReadOnlyList<string>? columns = null, IReadOnlyCollection<string>? categorical = null,
                                     int maxRows = int.MaxValue, int seed = 0)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            if (maxRows <= 0) throw new ArgumentOutOfRangeException(nameof(maxRows), maxRows, "At least one row must be kept.");
            var names = columns ?? data.Schema.Where(c => !c.IsHidden).Select(c => c.Name).ToArray();
            if (names.Count == 0) throw new ArgumentException("No columns to read.", nameof(columns));
            var schemaColumns = names.Select(n => data.Schema.GetColumnOrNull(n)
                ?? throw new TableSchemaException(n, $"The data has no column '{n}'; it has {string.Join(", ", data.Schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"))}.")).ToArray();
            var unsupported = schemaColumns.Where(c => TypeOf(c.Type) is null).ToArray();
            if (unsupported.Length > 0)
                throw new TableSchemaException(unsupported[0].Name, "A table column holds one Single, Double, integer, Boolean, text or key value per row; " +
                    string.Join(", ", unsupported.Select(c => $"'{c.Name}' is {c.Type}")) + (columns is null ? ". Name the columns to read." : "."));
            foreach (var name in categorical ?? Array.Empty<string>())
                if (!names.Contains(name)) throw new TableSchemaException(name, $"Column '{name}' is named categorical but is not among the columns read.");
            var tableColumns = schemaColumns.Select(c => {
                var type = TypeOf(c.Type)!.Value;
                var kind = categorical?.Contains(c.Name) == true ? TableColumnKind.Categorical : TableColumn.DefaultKind(type);
                return new TableColumn(c.Name, kind, type);
            }).ToArray();

            var readers = new Func<object?>[schemaColumns.Length];
            var kept = tableColumns.Select(_ => new List<object?>()).ToArray();
            var random = new Random(seed);
            long seen = 0;
            using (var cursor = data.GetRowCursor(schemaColumns)) {
                for (var j = 0; j < readers.Length; j++) readers[j] = Reader(cursor, schemaColumns[j], tableColumns[j]);
                while (cursor.MoveNext()) {
                    var slot = seen < maxRows ? (int)seen : random.NextInt64(seen + 1) is var k && k < maxRows ? (int)k : -1;
                    seen++;
                    for (var j = 0; j < readers.Length; j++) {
                        var v = readers[j]();
                        if (slot < 0) continue;
                        if (slot == kept[j].Count) kept[j].Add(v);
                        else kept[j][slot] = v;
                    }
                }
            }
            return new TableData(tableColumns, tableColumns.Select((c, j) => c.IsNumeric
                ? (Array)kept[j].Select(v => (double)v!).ToArray()
                : kept[j].Select(v => (string?)v).ToArray()).ToArray());
        }

        /// <summary>The table as a data view with each column in its own ML.NET type (key columns as text).</summary>
        public static IDataView ToDataView(TableData table)
        {
            if (table is null) throw new ArgumentNullException(nameof(table));
            var builder = new DataViewSchema.Builder();
            foreach (var c in table.Columns) builder.AddColumn(c.Name, DataViewTypeOf(c.ValueType));
            return new View(table, builder.ToSchema());
        }

        static TableValueType? TypeOf(DataViewType type) => type switch {
            KeyDataViewType k when k.RawType == typeof(uint) => TableValueType.Key,
            TextDataViewType => TableValueType.Text,
            BooleanDataViewType => TableValueType.Boolean,
            NumberDataViewType n when n.RawType == typeof(float) => TableValueType.Single,
            NumberDataViewType n when n.RawType == typeof(double) => TableValueType.Double,
            NumberDataViewType n when n.RawType == typeof(sbyte) => TableValueType.SByte,
            NumberDataViewType n when n.RawType == typeof(byte) => TableValueType.Byte,
            NumberDataViewType n when n.RawType == typeof(short) => TableValueType.Int16,
            NumberDataViewType n when n.RawType == typeof(ushort) => TableValueType.UInt16,
            NumberDataViewType n when n.RawType == typeof(int) => TableValueType.Int32,
            NumberDataViewType n when n.RawType == typeof(uint) => TableValueType.UInt32,
            NumberDataViewType n when n.RawType == typeof(long) => TableValueType.Int64,
            NumberDataViewType n when n.RawType == typeof(ulong) => TableValueType.UInt64,
            _ => null,
        };

        static DataViewType DataViewTypeOf(TableValueType type) => type switch {
            TableValueType.Single => NumberDataViewType.Single,
            TableValueType.Double => NumberDataViewType.Double,
            TableValueType.SByte => NumberDataViewType.SByte,
            TableValueType.Byte => NumberDataViewType.Byte,
            TableValueType.Int16 => NumberDataViewType.Int16,
            TableValueType.UInt16 => NumberDataViewType.UInt16,
            TableValueType.Int32 => NumberDataViewType.Int32,
            TableValueType.UInt32 => NumberDataViewType.UInt32,
            TableValueType.Int64 => NumberDataViewType.Int64,
            TableValueType.UInt64 => NumberDataViewType.UInt64,
            TableValueType.Boolean => BooleanDataViewType.Instance,
            _ => TextDataViewType.Instance,
        };

        /// <summary>A function reading the cursor's current value of one column: a double (NaN when blank) or a string (null when blank).</summary>
        static Func<object?> Reader(DataViewRowCursor cursor, DataViewSchema.Column column, TableColumn table)
        {
            Func<object?> raw = table.ValueType switch {
                TableValueType.Single => Get<float>(cursor, column, v => (double)v),
                TableValueType.Double => Get<double>(cursor, column, v => v),
                TableValueType.SByte => Get<sbyte>(cursor, column, v => (double)v),
                TableValueType.Byte => Get<byte>(cursor, column, v => (double)v),
                TableValueType.Int16 => Get<short>(cursor, column, v => (double)v),
                TableValueType.UInt16 => Get<ushort>(cursor, column, v => (double)v),
                TableValueType.Int32 => Get<int>(cursor, column, v => (double)v),
                TableValueType.UInt32 => Get<uint>(cursor, column, v => (double)v),
                TableValueType.Int64 => Get<long>(cursor, column, v => (double)v),
                TableValueType.UInt64 => Get<ulong>(cursor, column, v => (double)v),
                TableValueType.Boolean => Get<bool>(cursor, column, v => v ? "True" : "False"),
                TableValueType.Text => Get<ReadOnlyMemory<char>>(cursor, column, v => v.Span.IsWhiteSpace() ? null : v.ToString()),
                _ => KeyReader(cursor, column),
            };
            // An integer column named categorical: its numbers are its categories' names.
            if (table.Kind == TableColumnKind.Categorical && table.ValueType is not (TableValueType.Boolean or TableValueType.Text or TableValueType.Key))
                return () => raw() is double d && !double.IsNaN(d) ? d.ToString("R", CultureInfo.InvariantCulture) : null;
            return raw;
        }

        static Func<object?> Get<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, object?> convert)
        {
            var getter = cursor.GetGetter<T>(column);
            T value = default!;
            return () => {
                getter(ref value);
                return convert(value);
            };
        }

        static Func<object?> KeyReader(DataViewRowCursor cursor, DataViewSchema.Column column)
        {
            var names = default(VBuffer<ReadOnlyMemory<char>>);
            var hasNames = column.Annotations.Schema.GetColumnOrNull("KeyValues") is { Type: VectorDataViewType { ItemType: TextDataViewType } };
            if (hasNames) column.GetKeyValues(ref names);
            var values = hasNames ? names.DenseValues().Select(v => v.ToString()).ToArray() : null;
            var getter = cursor.GetGetter<uint>(column);
            uint key = 0;
            return () => {
                getter(ref key);
                if (key == 0) return null;
                return values is not null && key <= values.Length ? values[key - 1] : key.ToString(CultureInfo.InvariantCulture);
            };
        }

        sealed class View : IDataView
        {
            readonly TableData _table;

            public View(TableData table, DataViewSchema schema) => (_table, Schema) = (table, schema);

            public bool CanShuffle => false;
            public DataViewSchema Schema { get; }
            public long? GetRowCount() => _table.RowCount;

            public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

            public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
                new DataViewRowCursor[] { new Cursor(this) };

            sealed class Cursor(View view) : DataViewRowCursor
            {
                long _position = -1;

                public override DataViewSchema Schema => view.Schema;
                public override long Position => _position;
                public override long Batch => 0;
                public override bool IsColumnActive(DataViewSchema.Column column) => true;
                public override bool MoveNext() => ++_position < view._table.RowCount;

                public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

                public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
                {
                    var table = view._table;
                    var c = table.Columns[column.Index];
                    Delegate getter = c.ValueType switch {
                        TableValueType.Single => Numeric(v => (float)v),
                        TableValueType.Double => Numeric(v => v),
                        TableValueType.SByte => Numeric(v => (sbyte)v),
                        TableValueType.Byte => Numeric(v => (byte)v),
                        TableValueType.Int16 => Numeric(v => (short)v),
                        TableValueType.UInt16 => Numeric(v => (ushort)v),
                        TableValueType.Int32 => Numeric(v => (int)v),
                        TableValueType.UInt32 => Numeric(v => (uint)v),
                        TableValueType.Int64 => Numeric(v => (long)v),
                        TableValueType.UInt64 => Numeric(v => (ulong)v),
                        TableValueType.Boolean => Category(v => v == "True"),
                        _ => Category(v => (v ?? "").AsMemory()),
                    };
                    return getter as ValueGetter<TValue>
                        ?? throw new InvalidOperationException($"Column '{c.Name}' is {c.ValueType}; it was asked for as {typeof(TValue).Name}.");

                    ValueGetter<T> Numeric<T>(Func<double, T> convert)
                    {
                        // A numeric column the table keeps as categories (an integer column named categorical) is parsed back.
                        if (!c.IsNumeric) return (ref T v) => v = convert(double.Parse(table.Categories(column.Index)[_position] ?? "0", CultureInfo.InvariantCulture));
                        var values = table.Numbers(column.Index);
                        var whole = c.ValueType is not (TableValueType.Single or TableValueType.Double);
                        return (ref T v) => v = whole && double.IsNaN(values[_position])
                            ? throw new InvalidOperationException($"Row {_position} of column '{c.Name}' is blank, which {c.ValueType} cannot hold.")
                            : convert(values[_position]);
                    }

                    ValueGetter<T> Category<T>(Func<string?, T> convert)
                    {
                        var values = table.Categories(column.Index);
                        return (ref T v) => v = convert(values[_position]);
                    }
                }
            }
        }
    }
}

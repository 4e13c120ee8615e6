using System;
using System.Collections.Generic;
using System.Linq;

namespace Generative.ML.Transformers.Tables
{
    /// <summary>
    /// A table in memory, column by column: numbers as Double (NaN where blank), categories as strings (null where
    /// blank). Read from or written to an ML.NET data view by <see cref="TableDataView"/>.
    /// </summary>
    public sealed class TableData
    {
        readonly double[]?[] _numbers;
        readonly string?[]?[] _categories;

        /// <summary>
        /// A table of <paramref name="columns"/>; each column's values are in <paramref name="values"/> at its index, a
        /// double[] for a numeric column, a string?[] for a categorical one, all of one length.
        /// </summary>
        public TableData(IReadOnlyList<TableColumn> columns, IReadOnlyList<Array> values)
        {
            if (columns is null) throw new ArgumentNullException(nameof(columns));
            if (values is null) throw new ArgumentNullException(nameof(values));
            TableColumn.CheckNames(columns);
            if (values.Count != columns.Count)
                throw new ArgumentException($"The table has {columns.Count} columns but {values.Count} arrays of values.", nameof(values));
            Columns = columns.ToArray();
            _numbers = new double[]?[columns.Count];
            _categories = new string?[]?[columns.Count];
            RowCount = values.Count == 0 ? 0 : values[0].Length;
            for (var j = 0; j < columns.Count; j++) {
                if (values[j].Length != RowCount)
                    throw new ArgumentException($"Column '{columns[j].Name}' has {values[j].Length} values; column '{columns[0].Name}' has {RowCount}.", nameof(values));
                if (columns[j].IsNumeric)
                    _numbers[j] = values[j] as double[] ?? throw new ArgumentException($"Column '{columns[j].Name}' is numeric: its values must be a double[].", nameof(values));
                else
                    _categories[j] = values[j] as string?[] ?? throw new ArgumentException($"Column '{columns[j].Name}' is categorical: its values must be a string[].", nameof(values));
            }
        }

        /// <summary>The columns, in order.</summary>
        public IReadOnlyList<TableColumn> Columns { get; }

        /// <summary>Rows in the table.</summary>
        public int RowCount { get; }

        /// <summary>The index of the column named <paramref name="name"/>, or an error naming it and the columns there are.</summary>
        public int IndexOf(string name)
        {
            for (var j = 0; j < Columns.Count; j++) if (Columns[j].Name == name) return j;
            throw new ArgumentException($"The table has no column '{name}'; it has {string.Join(", ", Columns.Select(c => $"'{c.Name}'"))}.", nameof(name));
        }

        /// <summary>A numeric column's values (NaN where blank); the array is the table's own.</summary>
        public double[] Numbers(int column) => _numbers[column] ?? throw new InvalidOperationException($"Column '{Columns[column].Name}' is categorical, not numeric.");

        /// <summary>A categorical column's values (null where blank); the array is the table's own.</summary>
        public string?[] Categories(int column) => _categories[column] ?? throw new InvalidOperationException($"Column '{Columns[column].Name}' is numeric, not categorical.");

        /// <summary>Whether row <paramref name="row"/> of <paramref name="column"/> is blank.</summary>
        public bool IsMissing(int column, int row) => Columns[column].IsNumeric ? double.IsNaN(_numbers[column]![row]) : _categories[column]![row] is null;

        /// <summary>
        /// The decimals each column's numbers were written with, where the table was read from text (a CSV); null for
        /// a column, or the table, where that is not known. A synthesizer writes generated numbers with as many.
        /// </summary>
        internal IReadOnlyList<int?>? Decimals { get; init; }

        /// <summary>The rows at <paramref name="rows"/>, in that order.</summary>
        public TableData Rows(IReadOnlyList<int> rows) => new(Columns, Columns.Select((c, j) => c.IsNumeric
            ? (Array)rows.Select(r => _numbers[j]![r]).ToArray()
            : rows.Select(r => _categories[j]![r]).ToArray()).ToArray()) { Decimals = Decimals };

        /// <summary>The named columns only, in the order named.</summary>
        public TableData Select(IEnumerable<string> names)
        {
            var picked = names.Select(IndexOf).ToArray();
            return new(picked.Select(j => Columns[j]).ToArray(), picked.Select(j => (Array?)_numbers[j] ?? _categories[j]!).ToArray()) {
                Decimals = Decimals is null ? null : picked.Select(j => Decimals[j]).ToArray(),
            };
        }
    }
}

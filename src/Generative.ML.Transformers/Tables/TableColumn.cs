using System;
using System.Collections.Generic;

namespace Generative.ML.Transformers.Tables
{
    /// <summary>How a table column is modelled.</summary>
    public enum TableColumnKind
    {
        /// <summary>Real values (Single, Double): a quantile transform to normal scores, a Gaussian head.</summary>
        Continuous,
        /// <summary>Whole numbers (the integer types): as continuous, rounded back to whole numbers within the column's range.</summary>
        Integer,
        /// <summary>Text, Boolean or key values: one-hot in, a softmax head out, only categories seen in training.</summary>
        Categorical,
    }

    /// <summary>The ML.NET type of a table column, which generated rows come back in.</summary>
    public enum TableValueType
    {
        /// <summary>Single (float).</summary>
        Single,
        /// <summary>Double.</summary>
        Double,
        /// <summary>SByte.</summary>
        SByte,
        /// <summary>Byte.</summary>
        Byte,
        /// <summary>Int16.</summary>
        Int16,
        /// <summary>UInt16.</summary>
        UInt16,
        /// <summary>Int32.</summary>
        Int32,
        /// <summary>UInt32.</summary>
        UInt32,
        /// <summary>Int64.</summary>
        Int64,
        /// <summary>UInt64.</summary>
        UInt64,
        /// <summary>Boolean: a category of two values, "False" and "True".</summary>
        Boolean,
        /// <summary>Text: a category per distinct value; empty or white-space text is a blank.</summary>
        Text,
        /// <summary>A key column: its key values (or the key's number as text) are the categories; generated rows give them as Text.</summary>
        Key,
    }

    /// <summary>One column of a table: its name, how it is modelled and its ML.NET type.</summary>
    public sealed record TableColumn(string Name, TableColumnKind Kind, TableValueType ValueType)
    {
        /// <summary>The kind a column of <paramref name="type"/> gets by default.</summary>
        internal static TableColumnKind DefaultKind(TableValueType type) => type switch {
            TableValueType.Single or TableValueType.Double => TableColumnKind.Continuous,
            TableValueType.Boolean or TableValueType.Text or TableValueType.Key => TableColumnKind.Categorical,
            _ => TableColumnKind.Integer,
        };

        /// <summary>Whether the values are numbers (continuous or integer) rather than categories.</summary>
        public bool IsNumeric => Kind != TableColumnKind.Categorical;

        internal static void CheckNames(IReadOnlyList<TableColumn> columns)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in columns) {
                if (string.IsNullOrWhiteSpace(c.Name)) throw new ArgumentException("A table column has an empty name.", nameof(columns));
                if (!seen.Add(c.Name)) throw new ArgumentException($"The table has two columns named '{c.Name}'.", nameof(columns));
                if (c.Kind != TableColumnKind.Categorical && c.ValueType is TableValueType.Boolean or TableValueType.Text or TableValueType.Key)
                    throw new ArgumentException($"Column '{c.Name}' holds {c.ValueType} values, which can only be categorical.", nameof(columns));
            }
        }
    }
}

using System;

namespace Microsoft.ML.Data
{
    /// <summary>ML.NET's schema errors: an ArgumentOutOfRangeException naming the parameter, the column's role and its name.</summary>
    internal static class SchemaErrors
    {
        public static ArgumentOutOfRangeException Missing(string paramName, string role, string column)
            => new ArgumentOutOfRangeException(paramName, $"Could not find {role} column '{column}'");

        public static ArgumentOutOfRangeException Mismatch(string paramName, string role, string column, string expected, string actual)
            => new ArgumentOutOfRangeException(paramName, $"Schema mismatch for {role} column '{column}': expected {expected}, got {actual}");

        /// <summary>The visible column of that name, or ML.NET's "could not find" error.</summary>
        public static DataViewSchema.Column Find(DataViewSchema schema, string column, string role, string paramName)
            => schema.GetColumnOrNull(column) ?? throw Missing(paramName, role, column);

        public static SchemaShape.Column Find(SchemaShape schema, string column, string role, string paramName)
            => schema.TryFindColumn(column, out var found) ? found : throw Missing(paramName, role, column);
    }
}

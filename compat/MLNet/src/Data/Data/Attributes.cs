using System;

namespace Microsoft.ML.Data
{
    /// <summary>Marks an array member as a vector column; with dimensions it has a known size.</summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class VectorTypeAttribute : Attribute
    {
        public VectorTypeAttribute()
        {
            Dimensions = null;
        }

        public VectorTypeAttribute(int size)
        {
            if (size < 0)
                throw new ArgumentOutOfRangeException(nameof(size), "Size must be non-negative.");
            Dimensions = new[] { size };
        }

        public VectorTypeAttribute(params int[] dimensions)
        {
            if (dimensions == null || Array.Exists(dimensions, d => d < 0))
                throw new ArgumentOutOfRangeException(nameof(dimensions), "Dimensions must be non-negative.");
            Dimensions = dimensions;
        }

        /// <summary>The vector's dimensions; null for a vector whose length varies.</summary>
        internal int[] Dimensions { get; }
    }

    /// <summary>The column name a member maps to, when it differs from the member's name.</summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class ColumnNameAttribute : Attribute
    {
        public ColumnNameAttribute(string name)
        {
            Name = name;
        }

        internal string Name { get; }
    }

    /// <summary>A member that is not a column.</summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class NoColumnAttribute : Attribute
    {
    }

    /// <summary>An unsigned member that holds key values out of <c>count</c>.</summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class KeyTypeAttribute : Attribute
    {
        public KeyTypeAttribute(ulong count)
        {
            Count = count;
        }

        internal ulong Count { get; }
    }

    /// <summary>Which fields of a text file a member is read from (0-based).</summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class LoadColumnAttribute : Attribute
    {
        public LoadColumnAttribute(int fieldIndex)
        {
            Sources = new[] { (fieldIndex, fieldIndex) };
        }

        public LoadColumnAttribute(int start, int end)
        {
            Sources = new[] { (start, end) };
        }

        public LoadColumnAttribute(int[] columnIndexes)
        {
            Sources = Array.ConvertAll(columnIndexes ?? throw new ArgumentNullException(nameof(columnIndexes)), i => (i, i));
        }

        internal (int Min, int Max)[] Sources { get; }
    }
}

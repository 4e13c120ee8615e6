using System;

namespace Microsoft.ML.Data
{
    /// <summary>Ways to start editing a <see cref="VBuffer{T}"/> in place.</summary>
    public static class VBufferEditor
    {
        /// <summary>An editor with the buffer's current length and density.</summary>
        public static VBufferEditor<T> CreateFromBuffer<T>(ref VBuffer<T> destination) => destination.GetEditor();

        /// <summary>
        /// An editor for a buffer of <paramref name="newLogicalLength"/>, dense unless <paramref name="valuesCount"/> is
        /// smaller. The destination's arrays are reused when large enough.
        /// </summary>
        public static VBufferEditor<T> Create<T>(ref VBuffer<T> destination, int newLogicalLength, int? valuesCount = null,
            int? maxValuesCapacity = null, bool keepOldOnResize = false, bool requireIndicesOnDense = false)
            => destination.GetEditor(newLogicalLength, valuesCount, maxValuesCapacity, keepOldOnResize, requireIndicesOnDense);
    }

    /// <summary>Writable views of a buffer's values (and indices when sparse); <see cref="Commit"/> makes the new buffer.</summary>
    public readonly ref struct VBufferEditor<T>
    {
        private readonly int _logicalLength;
        private readonly T[] _values;
        private readonly int[] _indices;

        public readonly Span<T> Values;
        public readonly Span<int> Indices;

        public bool CreatedNewValues { get; }
        public bool CreatedNewIndices { get; }

        internal VBufferEditor(int logicalLength, int physicalValuesCount, T[] values, int[] indices,
            bool requireIndicesOnDense, bool createdNewValues, bool createdNewIndices)
        {
            _logicalLength = logicalLength;
            _values = values;
            _indices = indices;
            Values = values.AsSpan(0, physicalValuesCount);
            bool dense = logicalLength == physicalValuesCount;
            Indices = !dense || requireIndicesOnDense ? indices.AsSpan(0, physicalValuesCount) : default;
            CreatedNewValues = createdNewValues;
            CreatedNewIndices = createdNewIndices;
        }

        public VBuffer<T> Commit() => new VBuffer<T>(_logicalLength, Values.Length, _values, _indices);

        /// <summary>Commits only the first <paramref name="physicalValuesCount"/> values, for sparse results of unknown count.</summary>
        public VBuffer<T> CommitTruncated(int physicalValuesCount)
        {
            if (physicalValuesCount > Values.Length)
                throw new ArgumentOutOfRangeException(nameof(physicalValuesCount), "Updating physicalValuesCount during CommitTruncated cannot be greater than the original physicalValuesCount value used in Create.");
            return new VBuffer<T>(_logicalLength, physicalValuesCount, _values, _indices);
        }
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Microsoft.ML.OnnxRuntime.Tensors
{
    /// <summary>A multi-dimensional array in row-major order.</summary>
    public abstract class Tensor<T> : IEnumerable<T>
    {
        readonly int[] _dimensions;
        readonly int[] _strides;

        protected Tensor(ReadOnlySpan<int> dimensions)
        {
            _dimensions = dimensions.ToArray();
            var bad = Array.FindIndex(_dimensions, d => d < 0);
            if (bad >= 0) throw new ArgumentOutOfRangeException(nameof(dimensions), $"Dimension {bad} is negative ({_dimensions[bad]}).");
            _strides = new int[_dimensions.Length];
            long stride = 1;
            for (var i = _dimensions.Length - 1; i >= 0; i--) {
                _strides[i] = (int)stride;
                stride *= _dimensions[i];
            }
            Length = stride;
        }

        public ReadOnlySpan<int> Dimensions => _dimensions;
        public ReadOnlySpan<int> Strides => _strides;
        public int Rank => _dimensions.Length;
        public long Length { get; }

        public abstract T GetValue(int index);
        public abstract void SetValue(int index, T value);

        public virtual T this[params int[] indices]
        {
            get => GetValue(Offset(indices));
            set => SetValue(Offset(indices), value);
        }

        int Offset(int[] indices)
        {
            if (indices is null) throw new ArgumentNullException(nameof(indices));
            if (indices.Length != Rank) throw new ArgumentOutOfRangeException(nameof(indices), $"{indices.Length} indices for a rank-{Rank} tensor.");
            var offset = 0;
            for (var i = 0; i < indices.Length; i++) {
                if ((uint)indices[i] >= (uint)_dimensions[i])
                    throw new IndexOutOfRangeException($"Index {indices[i]} is outside dimension {i} of size {_dimensions[i]}.");
                offset += indices[i] * _strides[i];
            }
            return offset;
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < Length; i++) yield return GetValue(i);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"Tensor<{typeof(T).Name}>[{string.Join(", ", _dimensions.Select(d => d.ToString()))}]";
    }
}

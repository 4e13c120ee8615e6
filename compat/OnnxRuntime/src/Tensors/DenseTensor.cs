using System;

namespace Microsoft.ML.OnnxRuntime.Tensors
{
    /// <summary>A tensor over one contiguous block of memory, which it may share with the caller (no copy).</summary>
    public class DenseTensor<T> : Tensor<T>
    {
        readonly Memory<T> _memory;

        public DenseTensor(int length) : this(new T[length], new[] { length }) { }

        public DenseTensor(ReadOnlySpan<int> dimensions) : base(dimensions)
        {
            _memory = new T[checked((int)Length)];
        }

        public DenseTensor(Memory<T> memory, ReadOnlySpan<int> dimensions) : base(dimensions)
        {
            if (memory.Length < Length)
                throw new ArgumentException($"The memory holds {memory.Length} values; dimensions [{string.Join(", ", dimensions.ToArray())}] need {Length}.", nameof(memory));
            _memory = memory;
        }

        /// <summary>The tensor's values, row-major; shared with the memory it was made over.</summary>
        public Memory<T> Buffer => _memory;

        public override T GetValue(int index) => _memory.Span[CheckIndex(index)];

        public override void SetValue(int index, T value) => _memory.Span[CheckIndex(index)] = value;

        int CheckIndex(int index) =>
            (uint)index < (ulong)Length ? index : throw new IndexOutOfRangeException($"Index {index} is outside a tensor of {Length} values.");
    }
}

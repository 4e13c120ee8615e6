using System;
using System.Collections.Generic;

namespace Microsoft.ML.Data
{
    /// <summary>
    /// A vector held dense (every value stored) or sparse (values at increasing indices; the rest are default(T)).
    /// Immutable itself; <see cref="VBufferEditor{T}"/> refills it while reusing its arrays.
    /// </summary>
    public readonly struct VBuffer<T>
    {
        private readonly T[] _values;
        private readonly int[] _indices;
        private readonly int _count;

        /// <summary>The logical length, explicit and implicit entries together.</summary>
        public readonly int Length;

        public VBuffer(int length, T[] values, int[] indices = null)
        {
            if (length < 0)
                throw new ArgumentOutOfRangeException(nameof(length));
            if ((values?.Length ?? 0) < length)
                throw new ArgumentOutOfRangeException(nameof(values));
            Length = length;
            _count = length;
            _values = values;
            _indices = indices;
        }

        public VBuffer(int length, int count, T[] values, int[] indices)
        {
            if (length < 0)
                throw new ArgumentOutOfRangeException(nameof(length));
            if (count < 0 || count > length)
                throw new ArgumentOutOfRangeException(nameof(count));
            if ((values?.Length ?? 0) < count)
                throw new ArgumentOutOfRangeException(nameof(values));
            if (count != length && (indices?.Length ?? 0) < count)
                throw new ArgumentOutOfRangeException(nameof(indices));
            Length = length;
            _count = count;
            _values = values;
            _indices = indices;
        }

        public ReadOnlySpan<T> GetValues() => _values.AsSpan(0, _count);

        /// <summary>The values array itself, which may be longer than the values in use.</summary>
        public T[] GetBuffer() => _values;

        /// <summary>The indices of the explicit values; empty when dense.</summary>
        public ReadOnlySpan<int> GetIndices() => IsDense ? default : _indices.AsSpan(0, _count);

        public bool IsDense => _count == Length;

        public void CopyToDense(ref VBuffer<T> destination)
        {
            var editor = VBufferEditor.Create(ref destination, Length);
            CopyTo(editor.Values);
            destination = editor.Commit();
        }

        public void CopyTo(ref VBuffer<T> destination)
        {
            var editor = VBufferEditor.Create(ref destination, Length, _count);
            if (_count > 0)
            {
                _values.AsSpan(0, _count).CopyTo(editor.Values);
                if (!IsDense)
                    _indices.AsSpan(0, _count).CopyTo(editor.Indices);
            }
            destination = editor.Commit();
        }

        public void CopyTo(ref VBuffer<T> destination, int sourceIndex, int length)
        {
            if (sourceIndex < 0 || sourceIndex > Length)
                throw new ArgumentOutOfRangeException(nameof(sourceIndex));
            if (length < 0 || sourceIndex > Length - length)
                throw new ArgumentOutOfRangeException(nameof(length));
            if (IsDense)
            {
                var editor = VBufferEditor.Create(ref destination, length, length);
                _values.AsSpan(sourceIndex, length).CopyTo(editor.Values);
                destination = editor.Commit();
                return;
            }
            int first = LowerBound(sourceIndex), last = LowerBound(sourceIndex + length);
            int count = last - first;
            var sparse = VBufferEditor.Create(ref destination, length, count);
            for (int i = 0; i < count; i++)
            {
                sparse.Values[i] = _values[first + i];
                if (count < length)
                    sparse.Indices[i] = _indices[first + i] - sourceIndex;
            }
            destination = sparse.Commit();
        }

        public void CopyTo(Span<T> destination) => CopyTo(destination, 0);

        public void CopyTo(Span<T> destination, int destinationIndex, T defaultValue = default)
        {
            if (destinationIndex < 0 || destinationIndex > destination.Length - Length)
                throw new ArgumentOutOfRangeException(nameof(destination), "Not large enough to hold these values.");
            var target = destination.Slice(destinationIndex, Length);
            if (IsDense)
            {
                _values.AsSpan(0, Length).CopyTo(target);
                return;
            }
            target.Fill(defaultValue);
            for (int i = 0; i < _count; i++)
                target[_indices[i]] = _values[i];
        }

        public static void Copy(T[] source, int sourceIndex, ref VBuffer<T> destination, int length)
        {
            if (length < 0 || length > (source?.Length ?? 0))
                throw new ArgumentOutOfRangeException(nameof(length));
            if (sourceIndex < 0 || sourceIndex > source.Length - length)
                throw new ArgumentOutOfRangeException(nameof(sourceIndex));
            var editor = VBufferEditor.Create(ref destination, length, length);
            source.AsSpan(sourceIndex, length).CopyTo(editor.Values);
            destination = editor.Commit();
        }

        /// <summary>Index/value pairs: the explicit ones, or with <paramref name="all"/> every slot.</summary>
        public IEnumerable<KeyValuePair<int, T>> Items(bool all = false)
        {
            var values = _values;
            var indices = _indices;
            int count = _count, length = Length;
            if (count == length)
            {
                for (int i = 0; i < count; i++)
                    yield return new KeyValuePair<int, T>(i, values[i]);
                yield break;
            }
            int next = 0;
            for (int i = 0; i < count; i++)
            {
                if (all)
                    for (; next < indices[i]; next++)
                        yield return new KeyValuePair<int, T>(next, default);
                yield return new KeyValuePair<int, T>(indices[i], values[i]);
                next = indices[i] + 1;
            }
            if (all)
                for (; next < length; next++)
                    yield return new KeyValuePair<int, T>(next, default);
        }

        /// <summary>All <see cref="Length"/> values, implicit ones as default(T).</summary>
        public IEnumerable<T> DenseValues()
        {
            foreach (var item in Items(all: true))
                yield return item.Value;
        }

        public void GetItemOrDefault(int index, ref T destination) => destination = GetItemOrDefault(index);

        public T GetItemOrDefault(int index)
        {
            if (index < 0 || index >= Length)
                throw new ArgumentOutOfRangeException(nameof(index));
            if (IsDense)
                return _values[index];
            int at = LowerBound(index);
            return at < _count && _indices[at] == index ? _values[at] : default;
        }

        public override string ToString()
            => IsDense ? $"Dense vector of size {Length}" : $"Sparse vector of size {Length}, {_count} explicit values";

        // First position among the explicit indices whose index is >= slot.
        private int LowerBound(int slot)
        {
            int lo = 0, hi = _count;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (_indices[mid] < slot)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            return lo;
        }

        internal VBufferEditor<T> GetEditor() => GetEditor(Length, _count);

        internal VBufferEditor<T> GetEditor(int newLogicalLength, int? valuesCount, int? maxValuesCapacity = null,
            bool keepOldOnResize = false, bool requireIndicesOnDense = false)
        {
            if (newLogicalLength < 0)
                throw new ArgumentOutOfRangeException(nameof(newLogicalLength), "Must be non-negative.");
            if (valuesCount is int v && (v < 0 || v > newLogicalLength))
                throw new ArgumentOutOfRangeException(nameof(valuesCount), "If specified, must be non-negative and no greater than " + nameof(newLogicalLength));
            int count = valuesCount ?? newLogicalLength;
            var values = _values;
            bool newValues = EnsureSize(ref values, count, maxValuesCapacity, keepOldOnResize);
            var indices = _indices;
            bool newIndices = false;
            if (count != newLogicalLength || requireIndicesOnDense)
                newIndices = EnsureSize(ref indices, count, maxValuesCapacity, keepOldOnResize);
            return new VBufferEditor<T>(newLogicalLength, count, values, indices, requireIndicesOnDense, newValues, newIndices);
        }

        private static bool EnsureSize<TItem>(ref TItem[] array, int size, int? maxCapacity, bool keepOld)
        {
            if (array != null && array.Length >= size)
                return false;
            // Grow geometrically (bounded by the caller's cap) so that refilling a buffer row after row settles quickly.
            int capacity = Math.Max(size, Math.Min(maxCapacity ?? int.MaxValue, (array?.Length ?? 0) * 2));
            if (keepOld && array != null)
                Array.Resize(ref array, capacity);
            else
                array = new TItem[capacity];
            return true;
        }
    }
}

using System;
using System.Collections;
using System.Collections.Generic;

namespace TorchSharp.Utils
{
    /// <summary>
    /// The elements of a CPU tensor as a .NET collection. A contiguous tensor is read and written in place (the accessor
    /// only references it, as TorchSharp's does); a non-contiguous one is read through a contiguous copy that the
    /// accessor owns and releases on disposal (or with the dispose scope that was open), and cannot be written.
    /// </summary>
    public sealed class TensorAccessor<T> : IDisposable, IEnumerable<T> where T : unmanaged
    {
        readonly torch.Tensor? _ownedCopy;
        torch.Tensor? _tensor;

        internal TensorAccessor(torch.Tensor tensor)
        {
            _tensor = tensor.is_contiguous() ? tensor : _ownedCopy = tensor.contiguous();
            Count = _tensor.NumberOfElements;
        }

        public long Count { get; }

        torch.Tensor Tensor => _tensor ?? throw new ObjectDisposedException(nameof(TensorAccessor<T>));

        unsafe Span<T> Span => new Span<T>((void*)Tensor.DataPointer(), checked((int)Count));

        public T this[long index]
        {
            get {
                if (index < 0 || index >= Count) throw new IndexOutOfRangeException($"Index {index} is outside [0, {Count}).");
                var v = Span[(int)index];
                GC.KeepAlive(_tensor);
                return v;
            }
            set {
                if (_ownedCopy is not null) throw new InvalidOperationException("Writing through data<T>() needs a contiguous tensor.");
                if (index < 0 || index >= Count) throw new IndexOutOfRangeException($"Index {index} is outside [0, {Count}).");
                Span[(int)index] = value;
                GC.KeepAlive(_tensor);
            }
        }

        public T[] ToArray()
        {
            var result = Span.ToArray();
            GC.KeepAlive(_tensor);
            return result;
        }

        /// <summary>Copies the elements into <paramref name="destination"/> (which must be large enough).</summary>
        public void CopyTo(Span<T> destination, int destinationIndex = 0)
        {
            Span.CopyTo(destination.Slice(destinationIndex));
            GC.KeepAlive(_tensor);
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (long i = 0; i < Count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void Dispose()
        {
            _ownedCopy?.Dispose();
            _tensor = null;
        }
    }
}

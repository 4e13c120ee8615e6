using System;
using System.Collections.Generic;

namespace Microsoft.ML.OnnxRuntime
{
    /// <summary>Run results: a read-only list that disposes its items when it is disposed.</summary>
    public interface IDisposableReadOnlyCollection<T> : IReadOnlyCollection<T>, IReadOnlyList<T>, IDisposable { }

    internal sealed class DisposableList<T> : List<T>, IDisposableReadOnlyCollection<T> where T : IDisposable
    {
        public DisposableList(int capacity) : base(capacity) { }

        public void Dispose()
        {
            // Later items first, as they were made last; every item is disposed even if one throws.
            for (var i = Count - 1; i >= 0; i--) this[i]?.Dispose();
            Clear();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace TorchSharp
{
    /// <summary>
    /// Collects the tensors created while it is the innermost open scope and disposes those still owned when it is
    /// disposed: a training step inside a scope releases its temporaries deterministically.
    /// </summary>
    public sealed class DisposeScope : IDisposable
    {
        readonly HashSet<IDisposable> _owned = new(ReferenceEqualityComparer.Instance);
        internal DisposeScope? Outer { get; }
        bool _disposed;

        internal DisposeScope(DisposeScope? outer) => Outer = outer;

        /// <summary>How many disposables this scope still owns.</summary>
        public long DisposablesCount => _owned.Count;

        public T MoveToOuter<T>(T disposable) where T : IDisposable
        {
            MoveToOuter(new IDisposable[] { disposable });
            return disposable;
        }

        public (T1, T2) MoveToOuter<T1, T2>(T1 first, T2 second) where T1 : IDisposable where T2 : IDisposable
        {
            MoveToOuter(new IDisposable[] { first, second });
            return (first, second);
        }

        public void MoveToOuter(params IDisposable[] disposables) => MoveToOuter((IEnumerable<IDisposable>)disposables);

        public void MoveToOuter(IEnumerable<IDisposable> disposables)
        {
            foreach (var d in disposables) {
                if (!_owned.Remove(d)) continue;
                Outer?._owned.Add(d);
                if (d is torch.Tensor t) t.OwningDisposeScope = Outer;
            }
        }

        public T Detach<T>(T disposable) where T : IDisposable
        {
            Detach(new IDisposable[] { disposable });
            return disposable;
        }

        public void Detach(params IDisposable[] disposables) => Detach((IEnumerable<IDisposable>)disposables);

        public void Detach(IEnumerable<IDisposable> disposables)
        {
            foreach (var d in disposables) {
                if (!_owned.Remove(d)) continue;
                if (d is torch.Tensor t) t.OwningDisposeScope = null;
            }
        }

        /// <summary>Disposes everything the scope owns except the given disposables, which stay in it.</summary>
        public void DisposeEverythingBut(params IDisposable[] keep)
        {
            var keepSet = new HashSet<IDisposable>(keep, ReferenceEqualityComparer.Instance);
            foreach (var d in _owned.Where(d => !keepSet.Contains(d)).ToList()) {
                _owned.Remove(d);
                if (d is torch.Tensor t) t.OwningDisposeScope = null;
                d.Dispose();
            }
        }

        public void DisposeEverything() => DisposeEverythingBut();

        public void Dispose()
        {
            if (_disposed) return;
            DisposeEverything();
            _disposed = true;
            DisposeScopeManager.Pop(this);
        }

        internal void Add(IDisposable d) => _owned.Add(d);
        internal void Forget(IDisposable d) => _owned.Remove(d);
    }

    /// <summary>The thread's stack of open scopes (a scope belongs to the thread that opened it).</summary>
    internal static class DisposeScopeManager
    {
        [ThreadStatic] static DisposeScope? _current;

        internal static DisposeScope? Current => _current;

        internal static DisposeScope Push()
        {
            var scope = new DisposeScope(_current);
            _current = scope;
            return scope;
        }

        internal static void Pop(DisposeScope scope)
        {
            // Scopes normally close innermost-first; one closed out of order also unwinds the ones inside it.
            for (var s = _current; s != null; s = s.Outer) {
                if (!ReferenceEquals(s, scope)) continue;
                _current = scope.Outer;
                return;
            }
        }

        internal static DisposeScope? Register(torch.Tensor t)
        {
            var scope = _current;
            scope?.Add(t);
            return scope;
        }
    }

    public static partial class torch
    {
        /// <summary>Opens a scope that owns every tensor created on this thread until it is disposed.</summary>
        public static DisposeScope NewDisposeScope() => DisposeScopeManager.Push();
    }
}

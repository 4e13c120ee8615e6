using System;
using System.Threading;

namespace Generative.ML.Transformers
{
    /// <summary>
    /// Keeps ONNX Runtime sessions from being used after they are released, or while: every call runs inside
    /// <see cref="Use{T}"/>, <see cref="Close"/> waits for the calls in flight and releases, and a call after that throws
    /// <see cref="ObjectDisposedException"/> naming the owner. (ONNX Runtime does not check: a run on a released session
    /// reads freed memory, and can bring the process down.)
    /// </summary>
    internal sealed class SessionGate
    {
        readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.SupportsRecursion);
        readonly string _owner, _advice;
        volatile bool _closed;

        /// <param name="owner">The public type the user disposed.</param>
        /// <param name="advice">What to do instead, said after "was disposed".</param>
        public SessionGate(string owner, string advice) => (_owner, _advice) = (owner, advice);

        public bool IsClosed => _closed;

        /// <summary>Throws if the sessions are released.</summary>
        public void ThrowIfClosed()
        {
            if (_closed) throw Disposed();
        }

        /// <summary>Runs <paramref name="call"/> while the sessions cannot be released.</summary>
        public T Use<T>(Func<T> call)
        {
            Enter();
            try {
                return call();
            } finally {
                Exit();
            }
        }

        /// <summary>Holds the sessions open until <see cref="Exit"/> (on the same thread); throws if they are released.</summary>
        public void Enter()
        {
            _lock.EnterReadLock();
            if (!_closed) return;
            _lock.ExitReadLock();
            throw Disposed();
        }

        /// <summary>Ends what <see cref="Enter"/> began.</summary>
        public void Exit() => _lock.ExitReadLock();

        /// <summary>Waits for the calls in flight, then runs <paramref name="release"/> once; later calls are refused.</summary>
        public void Close(Action release)
        {
            _lock.EnterWriteLock();
            try {
                if (_closed) return;
                _closed = true;
                release();
            } finally {
                _lock.ExitWriteLock();
            }
        }

        ObjectDisposedException Disposed() => new(_owner, $"This {_owner} was disposed, and its ONNX Runtime sessions released. {_advice}");
    }
}

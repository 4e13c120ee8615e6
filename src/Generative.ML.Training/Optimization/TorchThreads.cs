using System;
using System.Threading;
using static TorchSharp.torch;

namespace Generative.ML.Training.Optimization
{
    /// <summary>
    /// Torch's intra-op thread count for a fit that asks for one. libtorch's OpenMP keeps the count per OS thread once a
    /// thread has used it, but a thread's first use takes the last count set anywhere in the process, so fits with
    /// different counts at the same time are not safe to rely on: they are serialized. A fit asking for N waits while
    /// fits with another count run; fits asking for the same N (and fits that ask for none) run side by side.
    /// </summary>
    internal static class TorchThreads
    {
        static readonly object _gate = new();
        static int _holders, _count;

        /// <summary>Sets this thread's count to <paramref name="threads"/> until disposed (waiting first, see above); null does nothing.</summary>
        public static IDisposable Enter(int? threads)
        {
            if (threads is not int count) return new Exit(null);
            lock (_gate) {
                while (_holders > 0 && _count != count) Monitor.Wait(_gate);
                _holders++;
                _count = count;
            }
            var callers = get_num_threads();
            set_num_threads(count);
            return new Exit(callers);
        }

        sealed class Exit : IDisposable
        {
            int? _callers;

            public Exit(int? callers) => _callers = callers;

            public void Dispose()
            {
                if (_callers is not int callers) return;
                _callers = null;
                set_num_threads(callers);
                lock (_gate) {
                    if (--_holders == 0) Monitor.PulseAll(_gate);
                }
            }
        }
    }
}

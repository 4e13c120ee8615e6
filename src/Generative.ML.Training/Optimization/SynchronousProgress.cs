using System;

namespace Generative.ML
{
    /// <summary>
    /// Runs the action on the trainer's thread as each report is made. <see cref="Progress{T}"/> posts reports to the
    /// thread pool instead, so they arrive late and out of order, possibly after Fit has returned.
    /// </summary>
    public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        /// <inheritdoc/>
        public void Report(T value) => report(value);
    }
}

using System;
using System.Collections.Generic;

namespace Generative.ML.Training.Tests.Support
{
    /// <summary>Collects progress reports on the training thread, in order.</summary>
    internal sealed class ListProgress<T> : IProgress<T>
    {
        public List<T> Reports { get; } = new();
        public Action<T>? OnReport { get; init; }

        public void Report(T value)
        {
            Reports.Add(value);
            OnReport?.Invoke(value);
        }
    }
}

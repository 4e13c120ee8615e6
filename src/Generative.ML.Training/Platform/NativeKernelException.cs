using System;

namespace Generative.ML
{
    /// <summary>
    /// libtorch computes wrong numbers on this machine and cannot be made to compute right ones: training would give a
    /// wrong model without saying so. The message names the kernel and what was tried.
    /// </summary>
    public sealed class NativeKernelException : Exception
    {
        /// <summary>The failure, naming the kernel and what was tried.</summary>
        internal NativeKernelException(string message) : base(message) { }
    }
}

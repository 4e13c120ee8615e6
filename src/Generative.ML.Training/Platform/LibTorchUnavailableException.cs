using System;

namespace Generative.ML
{
    /// <summary>libtorch cannot be loaded in this process; the message says why and how to fix it.</summary>
    public sealed class LibTorchUnavailableException : Exception
    {
        /// <summary>Made by Fit, when libtorch cannot be loaded.</summary>
        internal LibTorchUnavailableException(string message, Exception? inner = null) : base(message, inner) { }
    }
}

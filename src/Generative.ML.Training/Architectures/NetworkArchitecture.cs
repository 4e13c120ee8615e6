using System;
using TorchSharp.Modules;

namespace Generative.ML.Training.Architectures
{
    /// <summary>
    /// The shape of a model's networks: how the encoder turns a flat row into features, and how the decoder turns
    /// its first hidden activation back into a flat row. Models add the parts that depend on their kind (code, mean
    /// and log-variance heads, the condition) around these bodies, so every model kind works with every architecture.
    /// </summary>
    internal abstract class NetworkArchitecture
    {
        private protected NetworkArchitecture() { }

        /// <summary>Throws an <see cref="ArgumentException"/> naming the setting that does not fit rows of <paramref name="inputSize"/> values.</summary>
        public abstract void Validate(long inputSize);

        /// <summary>Maps [N, inputSize] to [N, featureSize].</summary>
        internal abstract Sequential CreateEncoderBody(long inputSize, out long featureSize);

        /// <summary>
        /// Maps the decoder's first hidden activation [N, inputWidth] (the output of the decoder's input layer, before
        /// its non-linearity) to [N, outputSize]. Empty, with inputWidth = outputSize, when the decoder is one layer.
        /// </summary>
        internal abstract Sequential CreateDecoderBody(long outputSize, out long inputWidth);
    }
}

using System;
using static TorchSharp.torch;

namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>y = x W^T + b, initialised as PyTorch does (uniform in ±1/sqrt(in_features)).</summary>
        public sealed class Linear : nn.Module<Tensor, Tensor>
        {
            internal Linear(long inputSize, long outputSize, bool hasBias) : base(nameof(Linear))
            {
                if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "Linear needs a positive input size.");
                if (outputSize <= 0) throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "Linear needs a positive output size.");
                in_features = inputSize;
                out_features = outputSize;
                var bound = 1.0 / Math.Sqrt(inputSize);
                _weight = nn.init.UniformParameter(new[] { outputSize, inputSize }, bound);
                if (hasBias) _bias = nn.init.UniformParameter(new[] { outputSize }, bound);
                register_parameter("weight", _weight);
                register_parameter("bias", _bias);
            }

            Parameter _weight;
            Parameter? _bias;

            public long in_features { get; }
            public long out_features { get; }

            public Parameter weight
            {
                get => _weight;
                set {
                    _weight = value ?? throw new ArgumentNullException(nameof(value));
                    ReplaceParameter("weight", value);
                }
            }

            public Parameter? bias
            {
                get => _bias;
                set {
                    _bias = value;
                    ReplaceParameter("bias", value);
                }
            }

            public override Tensor forward(Tensor tensor) => nn.functional.linear(tensor, _weight, _bias);
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.Linear Linear(long inputSize, long outputSize, bool hasBias = true, Device? device = null, ScalarType? dtype = null)
            {
                RequireCpu(device);
                if (dtype.HasValue && dtype != ScalarType.Float32)
                    throw new NotSupportedException("The stand-in's layers hold float32 parameters.");
                return new Modules.Linear(inputSize, outputSize, hasBias);
            }
        }
    }
}

using System;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Parameter initialisers (in place, without recording gradients).</summary>
            public static partial class init
            {
                public static Tensor uniform_(Tensor tensor, double low = 0, double high = 1, Generator? generator = null)
                {
                    using var _ = no_grad();
                    return tensor.uniform_(low, high, generator);
                }

                public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
                {
                    using var _ = no_grad();
                    return tensor.normal_(mean, std, generator);
                }

                public static Tensor zeros_(Tensor tensor)
                {
                    using var _ = no_grad();
                    return tensor.zero_();
                }

                public static Tensor ones_(Tensor tensor)
                {
                    using var _ = no_grad();
                    return tensor.fill_(1);
                }

                public static Tensor constant_(Tensor tensor, Scalar val)
                {
                    using var _ = no_grad();
                    return tensor.fill_(val);
                }

                /// <summary>A new parameter of the given shape drawn uniformly from [-bound, bound] (PyTorch's layer defaults).</summary>
                internal static Modules.Parameter UniformParameter(long[] shape, double bound)
                {
                    using var t = empty(shape);
                    uniform_(t, -bound, bound);
                    return new Modules.Parameter(t);
                }

                /// <summary>Fan-in and fan-out as PyTorch computes them: dims 1 and 0, times the receptive field.</summary>
                internal static (long fanIn, long fanOut) CalculateFanInAndFanOut(Tensor tensor)
                {
                    var shape = tensor.shape;
                    if (shape.Length < 2)
                        throw new ArgumentException("Fan in and fan out need a tensor of at least 2 dimensions.", nameof(tensor));
                    long receptive = 1;
                    for (var i = 2; i < shape.Length; i++) receptive *= shape[i];
                    return (shape[1] * receptive, shape[0] * receptive);
                }

                public static Tensor xavier_uniform_(Tensor tensor, double gain = 1.0, Generator? generator = null)
                {
                    var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
                    var bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
                    return uniform_(tensor, -bound, bound, generator);
                }

                /// <summary>He initialisation for a leaky ReLU of slope a, over the fan-in.</summary>
                public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, Generator? generator = null)
                {
                    var (fanIn, _) = CalculateFanInAndFanOut(tensor);
                    var gain = Math.Sqrt(2.0 / (1 + a * a));
                    var bound = Math.Sqrt(3.0) * gain / Math.Sqrt(fanIn);
                    return uniform_(tensor, -bound, bound, generator);
                }
            }
        }
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Networks
{
    /// <summary>
    /// bound * tanh(v / bound): the identity near zero, never beyond +-bound, and smooth, so gradients survive where a
    /// hard clamp would cut them. Keeps log-variances in a range where exp cannot overflow or underflow.
    /// </summary>
    internal static class SoftBound
    {
        public static Tensor Apply(Tensor v, double bound)
        {
            using var scope = NewDisposeScope();
            return (bound * (v / bound).tanh()).MoveToOuterDisposeScope();
        }
    }
}

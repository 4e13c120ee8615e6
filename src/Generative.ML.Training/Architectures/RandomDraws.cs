using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Architectures
{
    /// <summary>
    /// Every random draw of training (sampling noise, dropout, masking, prior draws, codebook restarts) comes from the
    /// generator the running fit put in place on its thread with <see cref="From"/>, never from torch's process-wide
    /// one, so fits running at the same time in one process do not draw from each other's stream. With no generator in
    /// place (a model used outside the trainer), draws come from torch's default generator.
    /// </summary>
    internal static class RandomDraws
    {
        [ThreadStatic] static Generator? _generator;

        /// <summary>Makes this thread's draws come from <paramref name="generator"/> until the scope is disposed.</summary>
        public static IDisposable From(Generator generator)
        {
            var previous = _generator;
            _generator = generator;
            return new Restore(previous);
        }

        /// <summary>N(0, 1) draws of the given shape.</summary>
        public static Tensor Normal(long[] shape, Device? device = null) => randn(shape, device: device, generator: _generator);

        /// <summary>N(0, 1) draws of x's shape, type and device (randn_like, from this thread's generator).</summary>
        public static Tensor NormalLike(Tensor x) => randn(x.shape, dtype: x.dtype, device: x.device, generator: _generator);

        /// <summary>Integers uniform on [0, high).</summary>
        public static Tensor Integers(long high, long[] shape, Device? device = null) =>
            randint(high, shape, dtype: ScalarType.Int64, device: device, generator: _generator);

        /// <summary>1 with probability p (elementwise), else 0.</summary>
        public static Tensor Bernoulli(Tensor probabilities) => bernoulli(probabilities, _generator);

        /// <summary>Fills <paramref name="tensor"/> in place with draws uniform on [low, high).</summary>
        public static Tensor Uniform(Tensor tensor, double low, double high) => tensor.uniform_(low, high, _generator);

        /// <summary>
        /// Inverted dropout's multiplier for x: 0 with probability p, else 1 / (1 - p); libtorch's CPU dropout draws
        /// the same Bernoulli mask the same way.
        /// </summary>
        public static Tensor DropoutMask(Tensor x, double p)
        {
            var mask = empty_like(x).bernoulli_(1 - p, _generator);
            return mask.div_(1 - p);
        }

        sealed class Restore : IDisposable
        {
            readonly Generator? _previous;
            bool _done;
            public Restore(Generator? previous) => _previous = previous;

            public void Dispose()
            {
                if (_done) return;
                _done = true;
                _generator = _previous;
            }
        }
    }
}

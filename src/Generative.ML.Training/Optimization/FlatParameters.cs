using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Optimization
{
    /// <summary>
    /// A module's trainable parameters, and their gradients, laid out in one flat buffer each: every parameter becomes
    /// a view into <see cref="Values"/> and its gradient a view into <see cref="Gradients"/>, which backward fills in
    /// place. The optimizer, the gradient norm and the finiteness check then take a handful of whole-buffer operations
    /// per step instead of a few per parameter tensor; on the small models of tabular data, per-operation overhead, not
    /// arithmetic, sets the pace of training.
    /// </summary>
    internal sealed class FlatParameters : IDisposable
    {
        public FlatParameters(nn.Module module) : this(module.parameters()) { }

        public FlatParameters(IEnumerable<TorchSharp.Modules.Parameter> trainable)
        {
            var parameters = trainable.Where(p => p.requires_grad).ToArray();
            if (parameters.Length == 0) throw new ArgumentException("The model has no trainable parameters.", nameof(trainable));
            if (parameters.Any(p => p.dtype != ScalarType.Float32 || p.device_type != DeviceType.CPU))
                throw new NotSupportedException("Training runs on 32-bit float parameters on the CPU.");
            var count = parameters.Sum(p => p.numel());
            Values = zeros(count).DetachFromDisposeScope();
            Gradients = zeros(count).DetachFromDisposeScope();
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            long offset = 0;
            foreach (var p in parameters) {
                var n = p.numel();
                var value = Values.narrow(0, offset, n).view(p.shape);
                value.copy_(p);
                p.set_(value);
                p.grad = Gradients.narrow(0, offset, n).view(p.shape);
                offset += n;
            }
        }

        public Tensor Values { get; }
        public Tensor Gradients { get; }

        public void Dispose()
        {
            Values.Dispose();
            Gradients.Dispose();
        }
    }
}

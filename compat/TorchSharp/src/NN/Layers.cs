using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>Runs its modules in order, releasing each intermediate result as soon as the next one exists.</summary>
        public sealed class Sequential : nn.Module<Tensor, Tensor>
        {
            readonly List<nn.Module<Tensor, Tensor>> _modules = new();

            internal Sequential(IEnumerable<(string name, nn.Module<Tensor, Tensor> submodule)> modules) : base(nameof(Sequential))
            {
                foreach (var (name, m) in modules) append(name, m);
            }

            public Sequential append(string name, nn.Module<Tensor, Tensor> module)
            {
                register_module(name, module);
                _modules.Add(module);
                return this;
            }

            public Sequential append(nn.Module<Tensor, Tensor> module) => append(_modules.Count.ToString(), module);

            public int Count => _modules.Count;
            public nn.Module<Tensor, Tensor> this[int index] => _modules[index];

            public override Tensor forward(Tensor tensor)
            {
                if (_modules.Count == 0) return tensor.alias();
                var result = _modules[0].call(tensor);
                for (var i = 1; i < _modules.Count; i++) {
                    var next = _modules[i].call(result);
                    result.Dispose();
                    result = next;
                }
                return result;
            }
        }

        public sealed class Dropout : nn.Module<Tensor, Tensor>
        {
            readonly double _p;
            readonly bool _inplace;

            internal Dropout(double p, bool inplace) : base(nameof(Dropout))
            {
                if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1].");
                (_p, _inplace) = (p, inplace);
            }

            public double p => _p;
            public bool inplace => _inplace;

            public override Tensor forward(Tensor tensor) => nn.functional.dropout(tensor, _p, training, _inplace);
        }

        public sealed class ReLU : nn.Module<Tensor, Tensor>
        {
            readonly bool _inplace;
            internal ReLU(bool inplace) : base(nameof(ReLU)) => _inplace = inplace;
            public override Tensor forward(Tensor tensor) => nn.functional.relu(tensor, _inplace);
        }

        public sealed class LeakyReLU : nn.Module<Tensor, Tensor>
        {
            readonly double _slope;
            readonly bool _inplace;
            internal LeakyReLU(double slope, bool inplace) : base(nameof(LeakyReLU)) => (_slope, _inplace) = (slope, inplace);
            public double negative_slope => _slope;
            public bool inplace => _inplace;
            public override Tensor forward(Tensor tensor) => nn.functional.leaky_relu(tensor, _slope, _inplace);
        }

        public sealed class GELU : nn.Module<Tensor, Tensor>
        {
            internal GELU() : base(nameof(GELU)) { }
            public override Tensor forward(Tensor tensor) => nn.functional.gelu(tensor);
        }

        public sealed class Tanh : nn.Module<Tensor, Tensor>
        {
            internal Tanh() : base(nameof(Tanh)) { }
            public override Tensor forward(Tensor tensor) => tensor.tanh();
        }

        public sealed class Sigmoid : nn.Module<Tensor, Tensor>
        {
            internal Sigmoid() : base(nameof(Sigmoid)) { }
            public override Tensor forward(Tensor tensor) => tensor.sigmoid();
        }

        public sealed class Softplus : nn.Module<Tensor, Tensor>
        {
            readonly double _beta, _threshold;
            internal Softplus(double beta, double threshold) : base(nameof(Softplus)) => (_beta, _threshold) = (beta, threshold);
            public double beta => _beta;
            public double threshold => _threshold;
            public override Tensor forward(Tensor tensor) => nn.functional.softplus(tensor, _beta, _threshold);
        }

        public sealed class Identity : nn.Module<Tensor, Tensor>
        {
            internal Identity() : base(nameof(Identity)) { }
            public override Tensor forward(Tensor tensor) => tensor.alias();
        }

        public sealed class Flatten : nn.Module<Tensor, Tensor>
        {
            readonly long _start, _end;
            internal Flatten(long start, long end) : base(nameof(Flatten)) => (_start, _end) = (start, end);
            public long start_dim => _start;
            public long end_dim => _end;
            public override Tensor forward(Tensor tensor) => tensor.flatten(_start, _end);
        }

        public sealed class Unflatten : nn.Module<Tensor, Tensor>
        {
            readonly long _dim;
            readonly long[] _sizes;
            internal Unflatten(long dim, long[] sizes) : base(nameof(Unflatten)) => (_dim, _sizes) = (dim, sizes);
            public long dim => _dim;
            public long[] unflattened_size => (long[])_sizes.Clone();

            public override Tensor forward(Tensor tensor)
            {
                var shape = tensor.shape.ToList();
                var d = (int)(_dim < 0 ? _dim + shape.Count : _dim);
                shape.RemoveAt(d);
                shape.InsertRange(d, _sizes);
                return tensor.reshape(shape.ToArray());
            }
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.Sequential Sequential(params (string name, Module<Tensor, Tensor> submodule)[] modules) => new(modules);
            public static Modules.Sequential Sequential(params Module<Tensor, Tensor>[] modules) => new(modules.Select((m, i) => (i.ToString(), m)));
            public static Modules.Sequential Sequential(IEnumerable<(string name, Module<Tensor, Tensor> submodule)> modules) => new(modules);
            public static Modules.Dropout Dropout(double p = 0.5, bool inplace = false) => new(p, inplace);
            public static Modules.ReLU ReLU(bool inplace = false) => new(inplace);
            public static Modules.LeakyReLU LeakyReLU(double negative_slope = 0.01, bool inplace = false) => new(negative_slope, inplace);
            public static Modules.GELU GELU() => new();
            public static Modules.Tanh Tanh() => new();
            public static Modules.Sigmoid Sigmoid() => new();
            public static Modules.Softplus Softplus(double beta = 1, double threshold = 20) => new(beta, threshold);
            public static Modules.Identity Identity() => new();
            public static Modules.Flatten Flatten(long startDim = 1, long endDim = -1) => new(startDim, endDim);
            public static Modules.Unflatten Unflatten(long dim, long[] unflattenedSize) => new(dim, unflattenedSize);
        }
    }
}

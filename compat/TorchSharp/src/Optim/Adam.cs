using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;
using static TorchSharp.torch;

namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>
        /// Adam (and, with decoupled weight decay, AdamW). The state (first and second moments, step counts) lives in
        /// tensors owned here; the update of all parameters is one fused native call.
        /// </summary>
        public class Adam : OptimizerHelper
        {
            readonly double _beta1, _beta2, _eps, _weightDecay;
            readonly bool _amsgrad, _maximize, _decoupled;
            readonly Tensor[] _expAvg, _expAvgSq;
            readonly Tensor[]? _maxExpAvgSq;
            readonly long[] _steps;

            public Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
                        double weight_decay = 0, bool amsgrad = false, bool maximize = false)
                : this(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize, decoupled: false) { }

            private protected Adam(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weight_decay,
                                   bool amsgrad, bool maximize, bool decoupled) : base(parameters, lr)
            {
                CheckRange(lr, 0, double.PositiveInfinity, nameof(lr));
                CheckRange(eps, 0, double.PositiveInfinity, nameof(eps));
                CheckRange(beta1, 0, 1, nameof(beta1));
                CheckRange(beta2, 0, 1, nameof(beta2));
                CheckRange(weight_decay, 0, double.PositiveInfinity, nameof(weight_decay));
                (_beta1, _beta2, _eps, _weightDecay, _amsgrad, _maximize, _decoupled) =
                    (beta1, beta2, eps, weight_decay, amsgrad, maximize, decoupled);
                _expAvg = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
                _expAvgSq = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
                _maxExpAvgSq = amsgrad ? _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray() : null;
                _steps = new long[_parameters.Length];
            }

            private protected override unsafe void Update()
            {
                // Step counts advance only for parameters that have a gradient, as in PyTorch.
                for (var i = 0; i < _parameters.Length; i++) {
                    using var g = _parameters[i].grad;
                    if (g is not null) _steps[i]++;
                }
                using var p = new HandleArray(_parameters);
                using var m = new HandleArray(_expAvg);
                using var v = new HandleArray(_expAvgSq);
                using var vmax = new HandleArray(_maxExpAvgSq ?? Array.Empty<Tensor>());
                fixed (IntPtr* pp = p.Raw, pm = m.Raw, pv = v.Raw, pvmax = vmax.Raw)
                fixed (long* ps = _steps)
                    Check(gml_adam_step(pp, pm, pv, _amsgrad ? pvmax : null, _parameters.Length, ps, _group.LearningRate, _beta1, _beta2, _eps,
                                        _weightDecay, _decoupled ? 1 : 0, _amsgrad ? 1 : 0, _maximize ? 1 : 0));
            }

            private protected override IEnumerable<(string name, Tensor tensor)> StateTensors()
            {
                for (var i = 0; i < _parameters.Length; i++) {
                    yield return ($"{i}.exp_avg", _expAvg[i]);
                    yield return ($"{i}.exp_avg_sq", _expAvgSq[i]);
                    if (_maxExpAvgSq != null) yield return ($"{i}.max_exp_avg_sq", _maxExpAvgSq[i]);
                }
            }

            private protected override long[] Counters => _steps;

            protected override void Dispose(bool disposing)
            {
                if (!disposing) return;
                foreach (var t in _expAvg.Concat(_expAvgSq).Concat(_maxExpAvgSq ?? Array.Empty<Tensor>())) t.Dispose();
            }
        }

        /// <summary>Adam with decoupled weight decay (Loshchilov and Hutter).</summary>
        public class AdamW : Adam
        {
            public AdamW(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
                         double weight_decay = 0, bool amsgrad = false, bool maximize = false)
                : base(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize, decoupled: true) { }
        }

        /// <summary>Stochastic gradient descent with optional momentum (PyTorch's formulation), Nesterov and weight decay.</summary>
        public class SGD : OptimizerHelper
        {
            readonly double _momentum, _dampening, _weightDecay;
            readonly bool _nesterov, _maximize;
            readonly Tensor[]? _buffers;
            readonly long[] _counters = { 0 };   // number of steps taken: the first one seeds the momentum buffers

            public SGD(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, double dampening = 0,
                       double weight_decay = 0, bool nesterov = false, bool maximize = false) : base(parameters, learningRate)
            {
                CheckRange(learningRate, 0, double.PositiveInfinity, nameof(learningRate));
                CheckRange(momentum, 0, double.PositiveInfinity, nameof(momentum));
                CheckRange(weight_decay, 0, double.PositiveInfinity, nameof(weight_decay));
                if (nesterov && (momentum <= 0 || dampening != 0))
                    throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening.", nameof(nesterov));
                (_momentum, _dampening, _weightDecay, _nesterov, _maximize) = (momentum, dampening, weight_decay, nesterov, maximize);
                if (momentum != 0) _buffers = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
            }

            private protected override unsafe void Update()
            {
                using var p = new HandleArray(_parameters);
                using var b = new HandleArray(_buffers ?? Array.Empty<Tensor>());
                fixed (IntPtr* pp = p.Raw, pb = b.Raw)
                    Check(gml_sgd_step(pp, _buffers is null ? null : pb, _parameters.Length, _counters[0] == 0 ? 1 : 0, _group.LearningRate, _momentum, _dampening,
                                       _weightDecay, _nesterov ? 1 : 0, _maximize ? 1 : 0));
                _counters[0]++;
            }

            private protected override IEnumerable<(string name, Tensor tensor)> StateTensors() =>
                (_buffers ?? Array.Empty<Tensor>()).Select((b, i) => ($"{i}.momentum_buffer", b));

            private protected override long[] Counters => _counters;

            protected override void Dispose(bool disposing)
            {
                if (disposing && _buffers != null) foreach (var t in _buffers) t.Dispose();
            }
        }
    }

    public static partial class torch
    {
        public static partial class optim
        {
            // Note: TorchSharp's factory defaults beta2 to 0.99 for Adam (the class defaults to 0.999); mirrored as is.
            public static Modules.Adam Adam(IEnumerable<Modules.Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.99,
                                            double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
                new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);

            public static Modules.AdamW AdamW(IEnumerable<Modules.Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
                                              double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
                new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);

            public static Modules.SGD SGD(IEnumerable<Modules.Parameter> parameters, double learningRate, double momentum = 0, double dampening = 0,
                                          double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
                new(parameters, learningRate, momentum, dampening, weight_decay, nesterov, maximize);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class optim
        {
            /// <summary>Base of the optimizers: the parameters it updates, zero_grad and step.</summary>
            public abstract class Optimizer : IDisposable
            {
                private protected readonly Parameter[] _parameters;

                private protected readonly SingleGroup _group;

                private protected Optimizer(IEnumerable<Parameter> parameters, double learningRate)
                {
                    _parameters = parameters?.ToArray() ?? throw new ArgumentNullException(nameof(parameters));
                    if (_parameters.Length == 0) throw new ArgumentException("The optimizer got an empty parameter list.", nameof(parameters));
                    _group = new SingleGroup(learningRate);
                }

                public virtual IEnumerable<Parameter> parameters() => _parameters;

                /// <summary>The parameter groups, through which schedules read and set the learning rate (one group here).</summary>
                public virtual IEnumerable<ILearningRateController> ParamGroups => new[] { _group };

                private protected sealed class SingleGroup : ILearningRateController
                {
                    double _lr;

                    public SingleGroup(double lr) => (_lr, InitialLearningRate) = (lr, lr);

                    public double LearningRate {
                        get => _lr;
                        set => _lr = double.IsNaN(value) || value < 0
                            ? throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "The learning rate must be a non-negative number.")
                            : value;
                    }

                    public double InitialLearningRate { get; set; }
                }

                /// <summary>Zeroes the gradients of all parameters (PyTorch 1.13's default, set_to_none = false).</summary>
                public virtual unsafe void zero_grad()
                {
                    using var handles = new HandleArray(_parameters);
                    fixed (IntPtr* p = handles.Raw) Check(gml_zero_grad(p, _parameters.Length, 0));
                }

                /// <summary>One update of every parameter that has a gradient. The closure, if given, is evaluated first.</summary>
                public virtual Tensor? step(Func<Tensor>? closure = null)
                {
                    Tensor? loss = null;
                    if (closure != null) {
                        using var _ = enable_grad();
                        loss = closure();
                    }
                    Update();
                    return loss;
                }

                private protected abstract void Update();

                public void Dispose()
                {
                    Dispose(true);
                    GC.SuppressFinalize(this);
                }

                protected virtual void Dispose(bool disposing) { }

                private protected static void CheckRange(double value, double low, double high, string name)
                {
                    if (double.IsNaN(value) || value < low || value >= high)
                        throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{low}, {high}).");
                }
            }

            /// <summary>What learning-rate schedules use to read and set an optimizer's rate.</summary>
            public interface ILearningRateController
            {
                double LearningRate { set; get; }

                double InitialLearningRate { set; get; }
            }
        }

        public static partial class nn
        {
            public static partial class utils
            {
                /// <summary>Scales all gradients so that their joint norm is at most max_norm; returns the norm before clipping.</summary>
                public static unsafe double clip_grad_norm_(IEnumerable<Parameter> tensors, double max_norm, double norm_type = 2.0)
                {
                    if (!(max_norm > 0)) throw new ArgumentOutOfRangeException(nameof(max_norm), max_norm, "max_norm must be positive.");
                    var list = tensors.ToArray();
                    using var handles = new HandleArray(list);
                    fixed (IntPtr* p = handles.Raw) {
                        Check(gml_clip_grad_norm(p, list.Length, max_norm, norm_type, out var total));
                        return total;
                    }
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>A tensor: one native torch::Tensor, owned by one SafeHandle, released on Dispose or by its scope.</summary>
        public partial class Tensor : IDisposable
        {
            TensorHandle? _handle;
            static long _totalCount;
            static long _peakCount;

            internal DisposeScope? OwningDisposeScope { get; set; }

            internal Tensor(IntPtr raw)
            {
                _handle = new TensorHandle(raw);
                var n = Interlocked.Increment(ref _totalCount);
                if (n > Volatile.Read(ref _peakCount)) Volatile.Write(ref _peakCount, n);
                OwningDisposeScope = DisposeScopeManager.Register(this);
            }

            /// <summary>Checks a native status and takes ownership of the tensor it produced.</summary>
            internal static Tensor From(int status, IntPtr raw)
            {
                Check(status);
                return new Tensor(raw);
            }

            internal TensorHandle NativeHandle =>
                _handle ?? throw new ObjectDisposedException(nameof(Tensor), "Tensor invalid -- it has been disposed.");

            /// <summary>The native tensor's address (validated: a disposed tensor throws).</summary>
            public IntPtr Handle => NativeHandle.DangerousGetHandle();

            public bool IsInvalid => _handle == null;

            /// <summary>Tensors created and not yet disposed, for spotting leaks across epochs.</summary>
            public static long TotalCount => Interlocked.Read(ref _totalCount);
            public static long PeakCount => Interlocked.Read(ref _peakCount);

            public void Dispose()
            {
                OwningDisposeScope?.Forget(this);
                OwningDisposeScope = null;
                var h = Interlocked.Exchange(ref _handle, null);
                if (h == null) return;
                Interlocked.Decrement(ref _totalCount);
                h.Dispose();
            }

            public Tensor MoveToOuterDisposeScope()
            {
                OwningDisposeScope?.MoveToOuter(this);
                return this;
            }

            public Tensor DetachFromDisposeScope()
            {
                OwningDisposeScope?.Detach(this);
                return this;
            }

            /// <summary>A second managed reference to the same native tensor, disposed independently.</summary>
            public Tensor alias() => From(gml_tensor_alias(NativeHandle, out var r), r);

            // ---- metadata ----

            public long Dimensions
            {
                get {
                    Check(gml_tensor_ndim(NativeHandle, out var n));
                    return n;
                }
            }

            public long dim() => Dimensions;
            public long ndim => Dimensions;

            public long NumberOfElements
            {
                get {
                    Check(gml_tensor_numel(NativeHandle, out var n));
                    return n;
                }
            }

            public long numel() => NumberOfElements;

            public unsafe long[] size()
            {
                var result = new long[Dimensions];
                fixed (long* p = result) Check(gml_tensor_sizes(NativeHandle, p, result.Length));
                return result;
            }

            public long size(int dim)
            {
                var s = size();
                var d = dim < 0 ? dim + s.Length : dim;
                if (d < 0 || d >= s.Length)
                    throw new IndexOutOfRangeException($"Dimension {dim} is out of range for a tensor of {s.Length} dimensions.");
                return s[d];
            }

            public long[] shape => size();

            public unsafe long[] stride()
            {
                var result = new long[Dimensions];
                fixed (long* p = result) Check(gml_tensor_strides(NativeHandle, p, result.Length));
                return result;
            }

            public ScalarType dtype
            {
                get {
                    Check(gml_tensor_dtype(NativeHandle, out var t));
                    return (ScalarType)t;
                }
            }

            public Device device => CPU;
            public DeviceType device_type => DeviceType.CPU;
            public bool is_cuda => false;

            public bool is_floating_point() => dtype is ScalarType.Float16 or ScalarType.Float32 or ScalarType.Float64 or ScalarType.BFloat16;

            public bool is_contiguous()
            {
                Check(gml_tensor_is_contiguous(NativeHandle, out var c));
                return c != 0;
            }

            // ---- autograd ----

            public bool requires_grad
            {
                get {
                    Check(gml_requires_grad(NativeHandle, out var r));
                    return r != 0;
                }
                set => Check(gml_set_requires_grad(NativeHandle, value ? 1 : 0));
            }

            public Tensor requires_grad_(bool requires_grad = true)
            {
                this.requires_grad = requires_grad;
                return this;
            }

            public Tensor with_requires_grad(bool requires_grad = true) => requires_grad_(requires_grad);

            public bool is_leaf
            {
                get {
                    Check(gml_is_leaf(NativeHandle, out var r));
                    return r != 0;
                }
            }

            /// <summary>The accumulated gradient, or null before the first backward pass (each read is a new reference).</summary>
            public Tensor? grad
            {
                get {
                    Check(gml_grad(NativeHandle, out var g));
                    return g == IntPtr.Zero ? null : new Tensor(g);
                }
                set => Check(gml_set_grad(NativeHandle, value?.NativeHandle ?? NoTensor));
            }

            /// <summary>Computes the gradient of this tensor with respect to the graph's leaves.</summary>
            public void backward(IList<Tensor>? grad_tensors = null, bool retain_graph = false, bool create_graph = false)
            {
                if (grad_tensors != null && grad_tensors.Count != 1)
                    throw new ArgumentException("backward() on one tensor takes at most one gradient tensor.", nameof(grad_tensors));
                var g = grad_tensors?[0];
                Check(gml_backward(NativeHandle, g?.NativeHandle ?? NoTensor, retain_graph ? 1 : 0, create_graph ? 1 : 0));
            }

            public Tensor detach() => From(gml_detach(NativeHandle, out var r), r);

            public Tensor detach_()
            {
                Check(gml_detach_(NativeHandle));
                return this;
            }

            // ---- data ----

            /// <summary>Reads (and, for contiguous tensors, writes) the elements on the CPU.</summary>
            public Utils.TensorAccessor<T> data<T>() where T : unmanaged
            {
                ValidateType(typeof(T));
                return new Utils.TensorAccessor<T>(this);
            }

            public T item<T>() where T : unmanaged
            {
                if (NumberOfElements != 1)
                    throw new ArgumentException($"item() needs a tensor of exactly one element; this one has {NumberOfElements}.");
                using var acc = data<T>();
                return acc[0];
            }

            public float ToSingle() => (float)ToDouble();

            public double ToDouble()
            {
                Check(gml_tensor_item(NativeHandle, out var v));
                return v;
            }

            public long ToInt64() => (long)ToDouble();
            public int ToInt32() => (int)ToDouble();
            public bool ToBoolean() => ToDouble() != 0;

            internal unsafe IntPtr DataPointer()
            {
                Check(gml_tensor_data_ptr(NativeHandle, out var p));
                return p;
            }

            internal void ValidateType(Type t)
            {
                var expected = dtype switch {
                    ScalarType.Byte => typeof(byte),
                    ScalarType.Int8 => typeof(sbyte),
                    ScalarType.Int16 => typeof(short),
                    ScalarType.Int32 => typeof(int),
                    ScalarType.Int64 => typeof(long),
                    ScalarType.Bool => typeof(bool),
                    ScalarType.Float32 => typeof(float),
                    ScalarType.Float64 => typeof(double),
                    var other => throw new NotSupportedException($"Reading {other} elements is not supported by this stand-in."),
                };
                if (t != expected) throw new ArgumentException($"{t.Name} is not compatible with {dtype}");
            }

            // ---- conversions and copies ----

            public Tensor clone() => From(gml_clone(NativeHandle, out var r), r);
            public Tensor contiguous() => From(gml_contiguous(NativeHandle, out var r), r);

            public Tensor to_type(ScalarType type, bool copy = false) =>
                !copy && type == dtype ? alias() : From(gml_to_dtype(NativeHandle, (int)type, out var r), r);

            public Tensor to(ScalarType type) => to_type(type);

            public Tensor to(Device device)
            {
                RequireCpu(device);
                return alias();
            }

            public Tensor to(string device) => to(new Device(device));
            public Tensor cpu() => alias();
            public Tensor type_as(Tensor tensor) => to_type(tensor.dtype);

            public Tensor copy_(Tensor source)
            {
                Check(gml_copy_(NativeHandle, source.NativeHandle));
                return this;
            }

            public Tensor fill_(Scalar value)
            {
                Check(gml_fill_(NativeHandle, value.Value));
                return this;
            }

            public Tensor zero_() => ApplyInPlace(GmlUnary.Zero);

            public override string ToString() => $"[{string.Join("x", shape)}], type = {dtype}, device = cpu";
        }
    }
}

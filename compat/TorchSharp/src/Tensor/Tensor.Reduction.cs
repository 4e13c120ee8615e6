using System;
using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            internal unsafe Tensor Reduce(GmlReduce op, ReadOnlySpan<long> dims, bool keepdim)
            {
                fixed (long* p = dims)
                    return From(gml_reduce((int)op, NativeHandle, p, dims.Length, keepdim ? 1 : 0, out var r), r);
            }

            Tensor Typed(ScalarType? type) => type.HasValue ? to_type(type.Value) : alias();

            Tensor ReduceAs(GmlReduce op, ReadOnlySpan<long> dims, bool keepdim, ScalarType? type)
            {
                if (!type.HasValue) return Reduce(op, dims, keepdim);
                using var t = Typed(type);
                return t.Reduce(op, dims, keepdim);
            }

            public Tensor sum(ScalarType? type = null) => ReduceAs(GmlReduce.Sum, default, false, type);
            public Tensor sum(long dim, bool keepdim = false, ScalarType? type = null) => ReduceAs(GmlReduce.Sum, new[] { dim }, keepdim, type);
            public Tensor sum(long[] dim, bool keepdim = false, ScalarType? type = null) => ReduceAs(GmlReduce.Sum, dim, keepdim, type);
            public Tensor mean(ScalarType? type = null) => ReduceAs(GmlReduce.Mean, default, false, type);
            public Tensor mean(long[] dimensions, bool keepdim = false, ScalarType? type = null) => ReduceAs(GmlReduce.Mean, dimensions, keepdim, type);
            public Tensor prod(ScalarType? type = null) => ReduceAs(GmlReduce.Prod, default, false, type);
            public Tensor logsumexp(long dim, bool keepdim = false) => Reduce(GmlReduce.LogSumExp, new[] { dim }, keepdim);
            public Tensor any() => Reduce(GmlReduce.Any, default, false);
            public Tensor all() => Reduce(GmlReduce.All, default, false);

            public Tensor var(bool unbiased = true)
            {
                if (!unbiased) throw new ArgumentException("This stand-in computes the unbiased variance only.", nameof(unbiased));
                return Reduce(GmlReduce.Var, default, false);
            }

            public Tensor std(bool unbiased = true)
            {
                if (!unbiased) throw new ArgumentException("This stand-in computes the unbiased standard deviation only.", nameof(unbiased));
                return Reduce(GmlReduce.Std, default, false);
            }

            public Tensor max() => Reduce(GmlReduce.Amax, default, false);
            public Tensor min() => Reduce(GmlReduce.Amin, default, false);

            public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false)
            {
                Check(gml_max_dim(1, NativeHandle, dim, keepdim ? 1 : 0, out var v, out var i));
                return (new Tensor(v), new Tensor(i));
            }

            public (Tensor values, Tensor indexes) min(long dim, bool keepdim = false)
            {
                Check(gml_max_dim(0, NativeHandle, dim, keepdim ? 1 : 0, out var v, out var i));
                return (new Tensor(v), new Tensor(i));
            }

            public Tensor argmin() => From(gml_arg_reduce(0, NativeHandle, 0, 0, 0, out var r), r);
            public Tensor argmin(long dim, bool keepdim = false) => From(gml_arg_reduce(0, NativeHandle, 1, dim, keepdim ? 1 : 0, out var r), r);
            public Tensor argmax() => From(gml_arg_reduce(1, NativeHandle, 0, 0, 0, out var r), r);
            public Tensor argmax(long dim, bool keepdim = false) => From(gml_arg_reduce(1, NativeHandle, 1, dim, keepdim ? 1 : 0, out var r), r);
        }
    }
}

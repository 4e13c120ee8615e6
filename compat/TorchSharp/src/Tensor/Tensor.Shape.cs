using System;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            public Tensor matmul(Tensor target) => From(gml_matmul(NativeHandle, target.NativeHandle, out var r), r);
            public Tensor mm(Tensor target) => matmul(target);

            public unsafe Tensor reshape(params long[] shape)
            {
                fixed (long* p = shape) return From(gml_reshape(NativeHandle, p, shape.Length, out var r), r);
            }

            public unsafe Tensor view(params long[] shape)
            {
                fixed (long* p = shape) return From(gml_view(NativeHandle, p, shape.Length, out var r), r);
            }

            public Tensor flatten(long start_dim = 0, long end_dim = -1) => From(gml_flatten(NativeHandle, start_dim, end_dim, out var r), r);
            public Tensor transpose(long dim0, long dim1) => From(gml_transpose(NativeHandle, dim0, dim1, out var r), r);
            public Tensor t() => transpose(0, 1);
            public Tensor T => t();

            public unsafe Tensor permute(params long[] permutation)
            {
                fixed (long* p = permutation) return From(gml_permute(NativeHandle, p, permutation.Length, out var r), r);
            }

            public Tensor unsqueeze(long dim) => From(gml_unsqueeze(NativeHandle, dim, out var r), r);

            public Tensor squeeze(long? dim = null) =>
                From(gml_squeeze(NativeHandle, dim.HasValue ? 1 : 0, dim ?? 0, out var r), r);

            public unsafe Tensor expand(params long[] sizes)
            {
                fixed (long* p = sizes) return From(gml_expand(NativeHandle, p, sizes.Length, out var r), r);
            }

            public Tensor narrow(long dim, long start, long length) => From(gml_narrow(NativeHandle, dim, start, length, out var r), r);
            public Tensor index_select(long dim, Tensor index) => From(gml_index_select(NativeHandle, dim, index.NativeHandle, out var r), r);
            public Tensor gather(long dim, Tensor index) => From(gml_gather(NativeHandle, dim, index.NativeHandle, out var r), r);
        }
    }
}

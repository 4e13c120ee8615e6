using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        public static unsafe Tensor cat(IList<Tensor> tensors, long dim = 0)
        {
            if (tensors.Count == 0) throw new ArgumentException("cat needs at least one tensor.", nameof(tensors));
            using var handles = new HandleArray(tensors.ToArray());
            fixed (IntPtr* p = handles.Raw) return Tensor.From(gml_cat(p, tensors.Count, dim, out var r), r);
        }

        public static Tensor concat(IList<Tensor> tensors, long dim = 0) => cat(tensors, dim);

        public static unsafe Tensor stack(IEnumerable<Tensor> tensors, long dim = 0)
        {
            var list = tensors.ToArray();
            if (list.Length == 0) throw new ArgumentException("stack needs at least one tensor.", nameof(tensors));
            using var handles = new HandleArray(list);
            fixed (IntPtr* p = handles.Raw) return Tensor.From(gml_stack(p, list.Length, dim, out var r), r);
        }

        public static Tensor where(Tensor condition, Tensor x, Tensor y) =>
            Tensor.From(gml_where(condition.NativeHandle, x.NativeHandle, y.NativeHandle, out var r), r);

        public static Tensor matmul(Tensor input, Tensor other) => input.matmul(other);
        public static Tensor mm(Tensor input, Tensor mat2) => input.matmul(mat2);
        public static Tensor exp(Tensor input) => input.exp();
        public static Tensor log(Tensor input) => input.log();
        public static Tensor sqrt(Tensor input) => input.sqrt();
        public static Tensor abs(Tensor input) => input.abs();
        public static Tensor square(Tensor input) => input.square();
        public static Tensor pow(Tensor input, Scalar exponent) => input.pow(exponent);
        public static Tensor pow(Tensor input, Tensor exponent) => input.pow(exponent);
        public static Tensor sigmoid(Tensor input) => input.sigmoid();
        public static Tensor tanh(Tensor input) => input.tanh();
        public static Tensor relu(Tensor input) => input.relu();
        public static Tensor sum(Tensor input, ScalarType? type = null) => input.sum(type);
        public static Tensor mean(Tensor input) => input.mean();
        public static Tensor logsumexp(Tensor input, long dim, bool keepdim = false) => input.logsumexp(dim, keepdim);
        public static Tensor clamp(Tensor input, Scalar? min = null, Scalar? max = null) => input.clamp(min, max);
        public static Tensor maximum(Tensor input, Tensor other) => input.maximum(other);
        public static Tensor minimum(Tensor input, Tensor other) => input.minimum(other);
        public static Tensor argmin(Tensor input) => input.argmin();
        public static Tensor argmin(Tensor input, long dim, bool keepdim = false) => input.argmin(dim, keepdim);
        public static Tensor argmax(Tensor input) => input.argmax();
        public static Tensor argmax(Tensor input, long dim, bool keepdim = false) => input.argmax(dim, keepdim);
        public static Tensor gather(Tensor input, long dim, Tensor index) => input.gather(dim, index);
        public static Tensor flatten(Tensor input, long start_dim = 0, long end_dim = -1) => input.flatten(start_dim, end_dim);
        public static Tensor reshape(Tensor input, params long[] shape) => input.reshape(shape);
        public static Tensor isnan(Tensor input) => input.isnan();
        public static Tensor isfinite(Tensor input) => input.isfinite();
        public static bool allclose(Tensor input, Tensor other, double rtol = 1e-05, double atol = 1e-08) => input.allclose(other, rtol, atol);
    }
}

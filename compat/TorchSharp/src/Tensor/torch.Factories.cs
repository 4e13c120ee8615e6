using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        static ScalarType Default(ScalarType? dtype) => dtype ?? ScalarType.Float32;

        static unsafe Tensor Full(ReadOnlySpan<long> size, double value, ScalarType? dtype, Device? device, bool requires_grad)
        {
            RequireCpu(device);
            EnsureAbi();
            fixed (long* p = size)
                return Tensor.From(gml_full(p, size.Length, value, (int)Default(dtype), requires_grad ? 1 : 0, out var r), r);
        }

        public static Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Full(size, 0, dtype, device, requires_grad);
        public static Tensor zeros(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Full(new[] { size }, 0, dtype, device, requires_grad);
        public static Tensor zeros(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Full(new[] { rows, columns }, 0, dtype, device, requires_grad);
        public static Tensor zeros(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Full(new[] { dim0, dim1, dim2 }, 0, dtype, device, requires_grad);
        public static Tensor zeros(long dim0, long dim1, long dim2, long dim3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Full(new[] { dim0, dim1, dim2, dim3 }, 0, dtype, device, requires_grad);
        public static Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Full(size, 1, dtype, device, requires_grad);
        public static Tensor ones(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Full(new[] { size }, 1, dtype, device, requires_grad);
        public static Tensor ones(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Full(new[] { rows, columns }, 1, dtype, device, requires_grad);
        public static Tensor ones(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Full(new[] { dim0, dim1, dim2 }, 1, dtype, device, requires_grad);
        public static Tensor full(long[] size, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Full(size, value.Value, dtype, device, requires_grad);
        public static Tensor full(long rows, long columns, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Full(new[] { rows, columns }, value.Value, dtype, device, requires_grad);

        public static Tensor zeros_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Full(input.shape, 0, dtype ?? input.dtype, device, requires_grad);
        public static Tensor ones_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Full(input.shape, 1, dtype ?? input.dtype, device, requires_grad);
        public static Tensor full_like(Tensor input, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Full(input.shape, value.Value, dtype ?? input.dtype, device, requires_grad);

        static unsafe Tensor Random(bool normal, ReadOnlySpan<long> size, ScalarType? dtype, Device? device, bool requires_grad, Generator? generator)
        {
            RequireCpu(device);
            EnsureAbi();
            fixed (long* p = size) {
                var status = normal
                    ? gml_randn(p, size.Length, (int)Default(dtype), GenHandle(generator), requires_grad ? 1 : 0, out var r)
                    : gml_rand(p, size.Length, (int)Default(dtype), GenHandle(generator), requires_grad ? 1 : 0, out r);
                return Tensor.From(status, r);
            }
        }

        /// <summary>Samples from the standard normal distribution.</summary>
        public static Tensor randn(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) => Random(true, size, dtype, device, requires_grad, generator);
        public static Tensor randn(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) => Random(true, new[] { size }, dtype, device, requires_grad, generator);
        public static Tensor randn(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) => Random(true, new[] { rows, columns }, dtype, device, requires_grad, generator);
        public static Tensor randn(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) => Random(true, new[] { dim0, dim1, dim2 }, dtype, device, requires_grad, generator);
        public static Tensor randn_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Random(true, input.shape, dtype ?? input.dtype, device, requires_grad, null);

        /// <summary>Samples uniformly from [0, 1).</summary>
        public static Tensor rand(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) => Random(false, size, dtype, device, requires_grad, generator);
        public static Tensor rand(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) => Random(false, new[] { size }, dtype, device, requires_grad, generator);
        public static Tensor rand(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) => Random(false, new[] { rows, columns }, dtype, device, requires_grad, generator);
        public static Tensor rand_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Random(false, input.shape, dtype ?? input.dtype, device, requires_grad, null);

        public static unsafe Tensor randint(long low, long high, long[] size, Generator? generator = null)
        {
            EnsureAbi();
            fixed (long* p = size) return Tensor.From(gml_randint(low, high, p, size.Length, GenHandle(generator), out var r), r);
        }

        public static Tensor randperm(long n, Generator? generator = null)
        {
            EnsureAbi();
            return Tensor.From(gml_randperm(n, GenHandle(generator), out var r), r);
        }

        public static Tensor bernoulli(Tensor input, Generator? generator = null) => Tensor.From(gml_bernoulli(input.NativeHandle, GenHandle(generator), out var r), r);

        public static Tensor arange(Scalar start, Scalar stop, Scalar step, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        {
            RequireCpu(device);
            EnsureAbi();
            var t = Tensor.From(gml_arange(start.Value, stop.Value, step.Value, (int)(dtype ?? ScalarType.Int64), out var r), r);
            if (requires_grad) t.requires_grad = true;
            return t;
        }

        public static Tensor arange(Scalar start, Scalar stop, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => arange(start, stop, 1, dtype, device, requires_grad);
        public static Tensor arange(Scalar stop, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => arange(0, stop, 1, dtype, device, requires_grad);

        // ---- tensors from .NET arrays (always copied: the tensor owns its memory) ----

        static unsafe Tensor FromArray<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> dimensions, ScalarType elementType, ScalarType? dtype, Device? device, bool requires_grad)
            where T : unmanaged
        {
            RequireCpu(device);
            long count = 1;
            foreach (var d in dimensions) {
                if (d < 0) throw new ArgumentException($"Dimension sizes must not be negative; got [{string.Join(", ", dimensions.ToArray())}].", nameof(dimensions));
                count *= d;
            }
            if (count != data.Length)
                throw new ArgumentException($"The shape [{string.Join(", ", dimensions.ToArray())}] holds {count} elements but the array has {data.Length}.", nameof(dimensions));
            EnsureAbi();
            Tensor result;
            fixed (T* pd = data)
            fixed (long* ps = dimensions)
                result = Tensor.From(gml_from_blob(pd, ps, dimensions.Length, (int)elementType, 0, out var r), r);
            if (dtype.HasValue && dtype.Value != elementType) {
                var converted = result.to_type(dtype.Value);
                result.Dispose();
                result = converted;
            }
            if (requires_grad) result.requires_grad = true;
            return result;
        }

        public static Tensor tensor(float[] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromArray<float>(rawArray, new[] { rawArray.LongLength }, ScalarType.Float32, dtype, device, requires_grad);
        public static Tensor tensor(float[] rawArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromArray<float>(rawArray, dimensions, ScalarType.Float32, dtype, device, requires_grad);
        public static Tensor tensor(float[] rawArray, long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromArray<float>(rawArray, new[] { rows, columns }, ScalarType.Float32, dtype, device, requires_grad);
        public static Tensor tensor(ReadOnlySpan<float> rawArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromArray(rawArray, dimensions, ScalarType.Float32, dtype, device, requires_grad);
        public static Tensor tensor(double[] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromArray<double>(rawArray, new[] { rawArray.LongLength }, ScalarType.Float64, dtype, device, requires_grad);
        public static Tensor tensor(double[] rawArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromArray<double>(rawArray, dimensions, ScalarType.Float64, dtype, device, requires_grad);
        public static Tensor tensor(long[] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromArray<long>(rawArray, new[] { rawArray.LongLength }, ScalarType.Int64, dtype, device, requires_grad);
        public static Tensor tensor(long[] rawArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromArray<long>(rawArray, dimensions, ScalarType.Int64, dtype, device, requires_grad);
        public static Tensor tensor(int[] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromArray<int>(rawArray, new[] { rawArray.LongLength }, ScalarType.Int32, dtype, device, requires_grad);
        public static Tensor tensor(bool[] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => FromArray<bool>(rawArray, new[] { rawArray.LongLength }, ScalarType.Bool, dtype, device, requires_grad);
        public static Tensor tensor(float scalar, Device? device = null, bool requires_grad = false) => FromArray<float>(new[] { scalar }, ReadOnlySpan<long>.Empty, ScalarType.Float32, null, device, requires_grad);
        public static Tensor tensor(double scalar, Device? device = null, bool requires_grad = false) => FromArray<double>(new[] { scalar }, ReadOnlySpan<long>.Empty, ScalarType.Float64, null, device, requires_grad);
        public static Tensor tensor(long scalar, Device? device = null, bool requires_grad = false) => FromArray<long>(new[] { scalar }, ReadOnlySpan<long>.Empty, ScalarType.Int64, null, device, requires_grad);

        public static Tensor tensor(float[,] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        {
            var flat = new float[rawArray.Length];
            Buffer.BlockCopy(rawArray, 0, flat, 0, flat.Length * sizeof(float));
            return FromArray<float>(flat, new[] { rawArray.GetLongLength(0), rawArray.GetLongLength(1) }, ScalarType.Float32, dtype, device, requires_grad);
        }
    }
}

namespace TorchSharp
{
    public static partial class torch
    {
        public static unsafe Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        {
            RequireCpu(device);
            Native.NativeMethods.EnsureAbi();
            fixed (long* p = size)
                return Tensor.From(Native.NativeMethods.gml_empty(p, size.Length, (int)Default(dtype), requires_grad ? 1 : 0, out var r), r);
        }
    }
}

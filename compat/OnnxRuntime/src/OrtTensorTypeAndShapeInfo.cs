using System;
using Microsoft.ML.OnnxRuntime.Native;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Microsoft.ML.OnnxRuntime
{
    /// <summary>Element type and shape of a tensor (a managed copy of OrtTensorTypeAndShapeInfo).</summary>
    public class OrtTensorTypeAndShapeInfo
    {
        internal unsafe OrtTensorTypeAndShapeInfo(IntPtr info)
        {
            int type;
            OrtStatus.Check(OrtApi.GetTensorElementType(info, &type));
            nuint rank;
            OrtStatus.Check(OrtApi.GetDimensionsCount(info, &rank));
            var shape = new long[(int)rank];
            fixed (long* p = shape) OrtStatus.Check(OrtApi.GetDimensions(info, p, rank));
            var names = new IntPtr[(int)rank];
            fixed (IntPtr* p = names) OrtStatus.Check(OrtApi.GetSymbolicDimensions(info, (byte**)p, rank));
            ElementDataType = (TensorElementType)type;
            Shape = shape;
            SymbolicDimensions = Array.ConvertAll(names, n => n == IntPtr.Zero ? "" : System.Runtime.InteropServices.Marshal.PtrToStringUTF8(n) ?? "");
            long count = 1;
            foreach (var d in shape) count *= Math.Max(d, 0);
            ElementCount = count;
        }

        public TensorElementType ElementDataType { get; }
        public bool IsString => ElementDataType == TensorElementType.String;
        /// <summary>The number of elements; 0 when a dimension is unknown (-1) or zero.</summary>
        public long ElementCount { get; }
        public int DimensionsCount => Shape.Length;
        /// <summary>The dimensions; -1 for a dimension the model leaves free.</summary>
        public long[] Shape { get; }
        /// <summary>The names of free dimensions ("" where the dimension is fixed or unnamed).</summary>
        public string[] SymbolicDimensions { get; }
    }
}

using System;
using System.Collections.Generic;

namespace Microsoft.ML.OnnxRuntime.Tensors
{
    /// <summary>Element types of ONNX tensors (ONNXTensorElementDataType in the C API).</summary>
    public enum TensorElementType
    {
        Float = 1,
        UInt8 = 2,
        Int8 = 3,
        UInt16 = 4,
        Int16 = 5,
        Int32 = 6,
        Int64 = 7,
        String = 8,
        Bool = 9,
        Float16 = 10,
        Double = 11,
        UInt32 = 12,
        UInt64 = 13,
        Complex64 = 14,
        Complex128 = 15,
        BFloat16 = 16,
        DataTypeMax = 17,
    }

    /// <summary>The CLR types the stand-in maps to and from tensor element types.</summary>
    internal static class TensorElementTypes
    {
        static readonly Dictionary<Type, TensorElementType> ByClrType = new() {
            [typeof(float)] = TensorElementType.Float,
            [typeof(byte)] = TensorElementType.UInt8,
            [typeof(sbyte)] = TensorElementType.Int8,
            [typeof(ushort)] = TensorElementType.UInt16,
            [typeof(short)] = TensorElementType.Int16,
            [typeof(int)] = TensorElementType.Int32,
            [typeof(long)] = TensorElementType.Int64,
            [typeof(bool)] = TensorElementType.Bool,
            [typeof(double)] = TensorElementType.Double,
            [typeof(uint)] = TensorElementType.UInt32,
            [typeof(ulong)] = TensorElementType.UInt64,
        };

        public static TensorElementType Of(Type type) =>
            ByClrType.TryGetValue(type, out var t)
                ? t
                : throw new OnnxRuntimeException(ErrorCode.InvalidArgument, $"Tensors of {type.Name} are not supported by this ONNX Runtime stand-in.");

        public static Type? ClrType(TensorElementType type)
        {
            foreach (var (clr, t) in ByClrType) if (t == type) return clr;
            return type == TensorElementType.String ? typeof(string) : null;
        }
    }
}

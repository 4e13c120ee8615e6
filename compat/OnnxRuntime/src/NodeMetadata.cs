using System;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Microsoft.ML.OnnxRuntime
{
    /// <summary>What a graph input or output holds: its kind, element type and dimensions (-1 where free).</summary>
    public class NodeMetadata
    {
        internal NodeMetadata(OnnxValueType valueType, TensorElementType elementType, int[] dimensions, string[] symbolicDimensions)
        {
            OnnxValueType = valueType;
            ElementDataType = elementType;
            ElementType = TensorElementTypes.ClrType(elementType) ?? typeof(object);
            Dimensions = dimensions;
            SymbolicDimensions = symbolicDimensions;
        }

        public OnnxValueType OnnxValueType { get; }
        public int[] Dimensions { get; }
        public string[] SymbolicDimensions { get; }
        public Type ElementType { get; }
        public TensorElementType ElementDataType { get; }
        public bool IsString => ElementDataType == TensorElementType.String;
        public bool IsTensor => OnnxValueType == OnnxValueType.ONNX_TYPE_TENSOR;
    }
}

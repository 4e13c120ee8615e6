namespace Microsoft.ML.OnnxRuntime
{
    /// <summary>The kind of value an OrtValue or a graph input holds (ONNXType in the C API).</summary>
    public enum OnnxValueType
    {
        ONNX_TYPE_UNKNOWN = 0,
        ONNX_TYPE_TENSOR = 1,
        ONNX_TYPE_SEQUENCE = 2,
        ONNX_TYPE_MAP = 3,
        ONNX_TYPE_OPAQUE = 4,
        ONNX_TYPE_SPARSETENSOR = 5,
        ONNX_TYPE_OPTIONAL = 6,
    }
}

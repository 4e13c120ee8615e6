namespace Microsoft.ML.OnnxRuntime
{
    /// <summary>How far ONNX Runtime rewrites the graph before running it (GraphOptimizationLevel in the C API).</summary>
    public enum GraphOptimizationLevel
    {
        ORT_DISABLE_ALL = 0,
        ORT_ENABLE_BASIC = 1,
        ORT_ENABLE_EXTENDED = 2,
        ORT_ENABLE_ALL = 99,
    }
}

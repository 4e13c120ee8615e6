using System;

namespace Microsoft.ML.OnnxRuntime
{
    /// <summary>ONNX Runtime's error codes (OrtErrorCode), in the C API's order.</summary>
    internal enum ErrorCode
    {
        Ok = 0,
        Fail = 1,
        InvalidArgument = 2,
        NoSuchFile = 3,
        NoModel = 4,
        EngineError = 5,
        RuntimeException = 6,
        InvalidProtobuf = 7,
        ModelLoaded = 8,
        NotImplemented = 9,
        InvalidGraph = 10,
        ShapeInferenceNotRegistered = 11,
        RequirementNotRegistered = 12,
    }

    /// <summary>An error reported by ONNX Runtime; the message is "[ErrorCode:Code] " followed by ORT's own text.</summary>
    public class OnnxRuntimeException : Exception
    {
        internal OnnxRuntimeException(ErrorCode errorCode, string message) : base($"[ErrorCode:{errorCode}] {message}") { }
    }
}

using System;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace Generative.ML.Transformers
{
    /// <summary>
    /// Which GPU id may reach ML.NET and ONNX Runtime. The CPU package's library has no CUDA entry point at all, and
    /// ML.NET's fallback catches only ONNX Runtime's own errors, so with that package a GPU request is decided here.
    /// </summary>
    internal static class OnnxBackend
    {
        static readonly Lazy<bool> CudaBuild = new(() => OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider"));

        public static int? GpuDeviceId(ScoringOptions? options)
        {
            if (options?.GpuDeviceId is not int id) return null;
            if (CudaBuild.Value) return id;
            if (options.FallbackToCpu) return null;
            throw new InvalidOperationException(
                $"GpuDeviceId = {id} asks for CUDA, but the application carries the CPU build of ONNX Runtime (Microsoft.ML.OnnxRuntime). " +
                "Reference Microsoft.ML.OnnxRuntime.Gpu (in this repository: -p:OnnxRuntimeBackend=gpu), or set FallbackToCpu.");
        }

        public static SessionOptions CreateSessionOptions(ScoringOptions? options)
        {
            var id = GpuDeviceId(options);
            if (id is null) return new SessionOptions();
            try {
                return SessionOptions.MakeSessionOptionWithCudaProvider(id.Value);
            } catch (OnnxRuntimeException) when (options!.FallbackToCpu) {
                return new SessionOptions();
            }
        }
    }
}

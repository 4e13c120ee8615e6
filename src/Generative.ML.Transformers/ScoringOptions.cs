namespace Generative.ML.Transformers
{
    /// <summary>Where the ONNX graphs run: ONNX Runtime's CPU provider, or CUDA with the Microsoft.ML.OnnxRuntime.Gpu package.</summary>
    public sealed class ScoringOptions
    {
        /// <summary>The CUDA device to score on; null scores on the CPU.</summary>
        public int? GpuDeviceId { get; set; }

        /// <summary>Score on the CPU when the GPU cannot be used (no CUDA, or the CPU-only ONNX Runtime package).</summary>
        public bool FallbackToCpu { get; set; }

        /// <summary>Throws if a GPU is asked for that this application's ONNX Runtime package cannot give, without fallback.</summary>
        public void Validate() => OnnxBackend.GpuDeviceId(this);
    }
}

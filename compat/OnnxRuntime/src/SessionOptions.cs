using System;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime.Native;

namespace Microsoft.ML.OnnxRuntime
{
    /// <summary>Options for an <see cref="InferenceSession"/>; owns one native OrtSessionOptions.</summary>
    public unsafe class SessionOptions : SafeHandle
    {
        int _intraOpNumThreads;
        int _interOpNumThreads;
        GraphOptimizationLevel _graphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;

        public unsafe SessionOptions() : base(IntPtr.Zero, ownsHandle: true)
        {
            IntPtr options;
            OrtStatus.Check(OrtApi.CreateSessionOptions(&options));
            SetHandle(options);
        }

        internal IntPtr Handle => handle;

        public override bool IsInvalid => handle == IntPtr.Zero;

        /// <summary>Threads for the parallelism inside one operator; 0 lets ONNX Runtime choose (one per core).</summary>
        public int IntraOpNumThreads
        {
            get => _intraOpNumThreads;
            set {
                Set(OrtApi.SetIntraOpNumThreads, ThreadCount(value, nameof(IntraOpNumThreads)), nameof(IntraOpNumThreads));
                _intraOpNumThreads = value;
            }
        }

        /// <summary>Threads for running independent operators at once (parallel execution mode only).</summary>
        public int InterOpNumThreads
        {
            get => _interOpNumThreads;
            set {
                Set(OrtApi.SetInterOpNumThreads, ThreadCount(value, nameof(InterOpNumThreads)), nameof(InterOpNumThreads));
                _interOpNumThreads = value;
            }
        }

        public GraphOptimizationLevel GraphOptimizationLevel
        {
            get => _graphOptimizationLevel;
            set {
                Set(OrtApi.SetSessionGraphOptimizationLevel, (int)value, nameof(GraphOptimizationLevel));
                _graphOptimizationLevel = value;
            }
        }

        /// <summary>
        /// Runs the session on a CUDA device. The library here is the CPU build, so this throws an
        /// <see cref="OnnxRuntimeException"/> with ONNX Runtime's own explanation.
        /// </summary>
        public unsafe void AppendExecutionProvider_CUDA(int deviceId = 0)
        {
            // OrtCUDAProviderOptions with everything at its default except the device: a zeroed block large enough for
            // any version of the struct, device_id first.
            var cudaOptions = stackalloc byte[256];
            new Span<byte>(cudaOptions, 256).Clear();
            *(int*)cudaOptions = deviceId;
            *(nuint*)(cudaOptions + 8) = nuint.MaxValue; // gpu_mem_limit: no limit
            OrtStatus.Check(OrtApi.SessionOptionsAppendExecutionProvider_CUDA(handle, cudaOptions), $"CUDA device {deviceId}");
        }

        /// <summary>Session options with the CUDA provider appended; throws where CUDA is not available.</summary>
        public static SessionOptions MakeSessionOptionWithCudaProvider(int deviceId = 0)
        {
            var options = new SessionOptions();
            try {
                options.AppendExecutionProvider_CUDA(deviceId);
                return options;
            } catch {
                options.Dispose();
                throw;
            }
        }

        static int ThreadCount(int value, string name) =>
            value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} cannot be negative (0 lets ONNX Runtime choose).");

        unsafe void Set(delegate* unmanaged<IntPtr, int, IntPtr> setter, int value, string name) => OrtStatus.Check(setter(handle, value), name);

        protected override unsafe bool ReleaseHandle()
        {
            OrtApi.ReleaseSessionOptions(handle);
            return true;
        }
    }
}

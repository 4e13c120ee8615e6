using System;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime.Native;

namespace Microsoft.ML.OnnxRuntime
{
    /// <summary>Where a tensor's memory lives. The stand-in knows one place: the CPU.</summary>
    public class OrtMemoryInfo : SafeHandle
    {
        static readonly Lazy<OrtMemoryInfo> Cpu = new(() => new OrtMemoryInfo());

        unsafe OrtMemoryInfo() : base(IntPtr.Zero, ownsHandle: true)
        {
            const int arenaAllocator = 1, defaultMemType = 0;
            IntPtr info;
            OrtStatus.Check(OrtApi.CreateCpuMemoryInfo(arenaAllocator, defaultMemType, &info));
            SetHandle(info);
        }

        /// <summary>CPU memory, as ONNX Runtime's default allocator gives it.</summary>
        public static OrtMemoryInfo DefaultInstance => Cpu.Value;

        internal IntPtr Handle => handle;

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override unsafe bool ReleaseHandle()
        {
            OrtApi.ReleaseMemoryInfo(handle);
            return true;
        }
    }
}

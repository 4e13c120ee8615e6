using System;
using System.Runtime.InteropServices;

namespace Microsoft.ML.OnnxRuntime.Native
{
    /// <summary>Turns a returned OrtStatus* into an <see cref="OnnxRuntimeException"/> carrying ORT's message, and frees it.</summary>
    internal static unsafe class OrtStatus
    {
        public static void Check(IntPtr status, string? context = null)
        {
            if (status == IntPtr.Zero) return;
            var code = (ErrorCode)OrtApi.GetErrorCode(status);
            var message = Marshal.PtrToStringUTF8((IntPtr)OrtApi.GetErrorMessage(status)) ?? "(no message)";
            OrtApi.ReleaseStatus(status);
            throw new OnnxRuntimeException(code, context is null ? message : $"{context}: {message}");
        }
    }
}

using System;
using System.Runtime.InteropServices;

namespace Microsoft.ML.OnnxRuntime.Native
{
    /// <summary>One native ORT object, released exactly once by the matching Release function of the C API.</summary>
    internal sealed unsafe class OrtHandle : SafeHandle
    {
        readonly delegate* unmanaged<IntPtr, void> _release;

        public OrtHandle(IntPtr handle, delegate* unmanaged<IntPtr, void> release) : base(IntPtr.Zero, ownsHandle: true)
        {
            _release = release;
            SetHandle(handle);
        }

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            _release(handle);
            return true;
        }
    }

    /// <summary>Strings that ORT allocated with its default allocator and that the caller must give back.</summary>
    internal static unsafe class OrtStrings
    {
        public static IntPtr DefaultAllocator
        {
            get {
                IntPtr allocator;
                OrtStatus.Check(OrtApi.GetAllocatorWithDefaultOptions(&allocator));
                return allocator;
            }
        }

        public static string TakeUtf8(byte* text)
        {
            try {
                return Marshal.PtrToStringUTF8((IntPtr)text) ?? "";
            } finally {
                if (text != null) OrtApi.AllocatorFree(DefaultAllocator, text);
            }
        }
    }
}

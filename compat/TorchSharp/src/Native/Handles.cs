using System;
using System.Runtime.InteropServices;

namespace TorchSharp.Native
{
    /// <summary>Owns one native torch::Tensor; releasing it drops one reference to the storage.</summary>
    internal sealed class TensorHandle : SafeHandle
    {
        public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }
        internal TensorHandle(IntPtr raw) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(raw);
        public override bool IsInvalid => handle == IntPtr.Zero;
        protected override bool ReleaseHandle()
        {
            NativeMethods.gml_tensor_free(handle);
            return true;
        }
    }

    /// <summary>Owns one native at::Generator.</summary>
    internal sealed class GeneratorHandle : SafeHandle
    {
        public GeneratorHandle() : base(IntPtr.Zero, ownsHandle: true) { }
        internal GeneratorHandle(IntPtr raw) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(raw);
        public override bool IsInvalid => handle == IntPtr.Zero;
        protected override bool ReleaseHandle()
        {
            NativeMethods.gml_generator_free(handle);
            return true;
        }
    }
}

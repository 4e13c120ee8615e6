using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TorchSharp.Native
{
    internal static partial class NativeMethods
    {
        [ModuleInitializer]
        internal static void Register() => NativeLibraryLoader.EnsureRegistered();

        static volatile bool _abiChecked;

        /// <summary>Turns a failed status into the exception TorchSharp throws: ExternalException with libtorch's message.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Check(int status)
        {
            if (status != 0) Throw();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        static void Throw()
        {
            var message = Marshal.PtrToStringUTF8(gml_last_error()) ?? "unknown libtorch error";
            throw new ExternalException(message);
        }

        /// <summary>Called once before the first tensor exists: a shim of another ABI is refused with a clear message.</summary>
        internal static void EnsureAbi()
        {
            if (_abiChecked) return;
            var version = gml_abi_version();
            if (version != NativeLibraryLoader.ExpectedAbiVersion)
                throw new InvalidOperationException(
                    $"libgml_torch.so has ABI version {version}, this TorchSharp stand-in expects {NativeLibraryLoader.ExpectedAbiVersion}. " +
                    "Rebuild the shim with `./build.sh setup`.");
            _abiChecked = true;
        }

        /// <summary>The empty handle passed where the native side accepts an absent tensor.</summary>
        internal static readonly TensorHandle NoTensor = new TensorHandle();
        internal static readonly GeneratorHandle NoGenerator = new GeneratorHandle();
    }

    /// <summary>
    /// Raw handles of several tensors for one native call, each held by DangerousAddRef until disposal, so that no
    /// tensor in the list can be released while native code reads it.
    /// </summary>
    internal ref struct HandleArray
    {
        readonly SafeHandle?[] _owners;
        readonly bool[] _added;
        public readonly IntPtr[] Raw;

        public HandleArray(IReadOnlyList<torch.Tensor?> tensors)
        {
            var n = tensors.Count;
            _owners = new SafeHandle?[n];
            _added = new bool[n];
            Raw = new IntPtr[n];
            for (var i = 0; i < n; i++) {
                var t = tensors[i];
                if (t is null) continue;
                var h = t.NativeHandle;
                h.DangerousAddRef(ref _added[i]);
                _owners[i] = h;
                Raw[i] = h.DangerousGetHandle();
            }
        }

        public void Dispose()
        {
            for (var i = 0; i < _owners.Length; i++)
                if (_added[i]) _owners[i]!.DangerousRelease();
        }
    }
}

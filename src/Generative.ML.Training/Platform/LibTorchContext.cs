using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Generative.ML.Training.Platform
{
    /// <summary>
    /// The switches of libtorch's global context (<c>at::globalContext()</c>) that TorchSharp 0.107 does not expose: which
    /// convolution backends libtorch may use. They are looked up by their exported C++ names in libtorch_cpu, Itanium
    /// (Linux, macOS) or MSVC (Windows) mangled; where a libtorch build lacks them, <see cref="IsAvailable"/> is false.
    /// </summary>
    internal static class LibTorchContext
    {
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate IntPtr ContextGetter();
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate void FlagSetter(IntPtr context, [MarshalAs(UnmanagedType.I1)] bool on);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)][return: MarshalAs(UnmanagedType.I1)] delegate bool FlagGetter(IntPtr context);

        sealed record Functions(IntPtr Context, FlagSetter SetOneDnn, FlagGetter OneDnn, FlagSetter SetNnpack, FlagGetter Nnpack);

        static readonly Lazy<Functions?> _functions = new(Find);

        /// <summary>True where libtorch_cpu was found and exports the switches.</summary>
        public static bool IsAvailable => _functions.Value is not null;

        /// <summary>
        /// <c>at::Context::userEnabledMkldnn</c>: whether libtorch may use oneDNN (formerly MKL-DNN) for convolutions.
        /// Process-wide.
        /// </summary>
        public static bool OneDnnEnabled
        {
            get { var f = Require(); return f.OneDnn(f.Context); }
            set { var f = Require(); f.SetOneDnn(f.Context, value); }
        }

        /// <summary><c>at::Context::userEnabledNNPACK</c>: whether libtorch may use NNPACK for convolutions. Process-wide.</summary>
        public static bool NnpackEnabled
        {
            get { var f = Require(); return f.Nnpack(f.Context); }
            set { var f = Require(); f.SetNnpack(f.Context, value); }
        }

        static Functions Require() => _functions.Value ?? throw new NativeKernelException(
            "libtorch's context switches (at::Context::setUserEnabledMkldnn) were not found in libtorch_cpu; this libtorch build cannot switch oneDNN off.");

        static Functions? Find()
        {
            using (ones(1)) { } // TorchSharp loads libtorch on first use
            foreach (var handle in Handles()) {
                var context = Export(handle, "_ZN2at13globalContextEv", "?globalContext@at@@YAAEAVContext@1@XZ");
                var setOneDnn = Export(handle, "_ZN2at7Context20setUserEnabledMkldnnEb", "?setUserEnabledMkldnn@Context@at@@QEAAX_N@Z");
                var oneDnn = Export(handle, "_ZNK2at7Context17userEnabledMkldnnEv", "?userEnabledMkldnn@Context@at@@QEBA_NXZ");
                var setNnpack = Export(handle, "_ZN2at7Context20setUserEnabledNNPACKEb", "?setUserEnabledNNPACK@Context@at@@QEAAX_N@Z");
                var nnpack = Export(handle, "_ZNK2at7Context17userEnabledNNPACKEv", "?userEnabledNNPACK@Context@at@@QEBA_NXZ");
                if (context == IntPtr.Zero || setOneDnn == IntPtr.Zero || oneDnn == IntPtr.Zero || setNnpack == IntPtr.Zero || nnpack == IntPtr.Zero)
                    continue;
                return new Functions(Marshal.GetDelegateForFunctionPointer<ContextGetter>(context)(),
                                     Marshal.GetDelegateForFunctionPointer<FlagSetter>(setOneDnn), Marshal.GetDelegateForFunctionPointer<FlagGetter>(oneDnn),
                                     Marshal.GetDelegateForFunctionPointer<FlagSetter>(setNnpack), Marshal.GetDelegateForFunctionPointer<FlagGetter>(nnpack));
            }
            return null;
        }

        static IntPtr Export(IntPtr handle, params string[] names)
        {
            foreach (var name in names)
                if (NativeLibrary.TryGetExport(handle, name, out var address)) return address;
            return IntPtr.Zero;
        }

        /// <summary>
        /// libtorch_cpu as the process already loaded it: by its plain name (the loader returns the loaded copy), then
        /// from the application's folders, where TorchSharp's native packages put it.
        /// </summary>
        static IEnumerable<IntPtr> Handles()
        {
            var names = new[] { "libtorch_cpu.so", "libtorch_cpu.dylib", "torch_cpu.dll" };
            var folders = new[] {
                AppContext.BaseDirectory,
                Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native"),
            };
            foreach (var name in names) {
                if (NativeLibrary.TryLoad(name, out var handle)) yield return handle;
                foreach (var folder in folders) {
                    var path = Path.Combine(folder, name);
                    if (File.Exists(path) && NativeLibrary.TryLoad(path, out handle)) yield return handle;
                }
            }
        }
    }
}

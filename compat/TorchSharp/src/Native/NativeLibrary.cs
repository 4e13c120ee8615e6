using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace TorchSharp.Native
{
    /// <summary>
    /// Finds libgml_torch.so (the C++ shim over libtorch): the GML_TORCH_NATIVE environment variable, then the
    /// application's folder, then the repository's build folder. Checks the ABI version once, at first use.
    /// </summary>
    internal static partial class NativeLibraryLoader
    {
        internal const string LibraryName = "gml_torch";
        internal const int ExpectedAbiVersion = 1;
        const string FileName = "libgml_torch.so";
        const string SetupHint = "Run `./build.sh setup` in the repository (it installs Debian's libtorch-dev and " +
                                 "libopenblas0-pthread and builds native/ with CMake), or set GML_TORCH_NATIVE to the shim's path.";

        static int _initialized;

        internal static void EnsureRegistered()
        {
            if (System.Threading.Interlocked.Exchange(ref _initialized, 1) == 1) return;
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);
        }

        static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
        {
            if (name != LibraryName) return IntPtr.Zero;
            var path = Locate() ?? throw new DllNotFoundException(
                $"The libtorch shim {FileName} was not found. {SetupHint}");
            PreferPassiveOpenMpWaiting();
            try {
                return NativeLibrary.Load(path);
            } catch (DllNotFoundException e) {
                // Usually libtorch itself is missing: the shim is there but its dependencies are not.
                throw new DllNotFoundException(
                    $"{path} was found but could not be loaded ({e.Message}). Is Debian's libtorch-dev installed? {SetupHint}", e);
            }
        }

        [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
        private static partial int SetNativeEnvironment(string name, string value, int overwrite);

        /// <summary>
        /// libtorch's OpenMP workers spin after each parallel region by default, competing for the cores with OpenBLAS's
        /// own GEMM threads: on a 2-core machine a training step ran 3x slower than with passive waiting. libgomp reads
        /// OMP_WAIT_POLICY once, when it loads (with libtorch), so it is set here first, unless the user chose a value.
        /// </summary>
        static void PreferPassiveOpenMpWaiting()
        {
            if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") != null) return;
            SetNativeEnvironment("OMP_WAIT_POLICY", "PASSIVE", 0);
        }

        static string? Locate()
        {
            var env = Environment.GetEnvironmentVariable("GML_TORCH_NATIVE");
            if (!string.IsNullOrEmpty(env)) {
                var candidate = Directory.Exists(env) ? Path.Combine(env, FileName) : env;
                if (File.Exists(candidate)) return candidate;
                throw new DllNotFoundException($"GML_TORCH_NATIVE is set to '{env}', but {candidate} does not exist. {SetupHint}");
            }
            var inApp = Path.Combine(AppContext.BaseDirectory, FileName);
            if (File.Exists(inApp)) return inApp;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent) {
                var inRepo = Path.Combine(dir.FullName, "build", "native", FileName);
                if (File.Exists(inRepo)) return inRepo;
            }
            return null;
        }
    }
}

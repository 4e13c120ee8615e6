using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Microsoft.ML.OnnxRuntime.Native
{
    /// <summary>
    /// Finds libonnxruntime.so.1 and hands out its C API function table (OrtGetApiBase()->GetApi). Looked for in the
    /// GML_ONNXRUNTIME_NATIVE environment variable, the application's folder, then the repository's .cache folder.
    /// </summary>
    internal static unsafe class OrtLibrary
    {
        /// <summary>The C API version asked for. Newer libraries serve older versions; the table only ever grows.</summary>
        const uint ApiVersion = 17;
        const string FileName = "libonnxruntime.so.1";
        const string SetupHint = "Run `./build.sh setup` in the repository (it takes the library from the onnxruntime-node npm " +
                                 "package into .cache/onnxruntime/), or set GML_ONNXRUNTIME_NATIVE to the library's path.";

        static readonly object Gate = new();
        static volatile IntPtr* _table;

        [StructLayout(LayoutKind.Sequential)]
        struct OrtApiBase
        {
            public delegate* unmanaged<uint, IntPtr*> GetApi;
            public delegate* unmanaged<byte*> GetVersionString;
        }

        /// <summary>The function table; loads the library on first use. Throws DllNotFoundException naming the set-up step.</summary>
        public static IntPtr* Table
        {
            get {
                var table = _table;
                return table != null ? table : Load();
            }
        }

        static IntPtr* Load()
        {
            lock (Gate) {
                if (_table != null) return _table;
                var path = Locate() ?? throw new DllNotFoundException($"The ONNX Runtime library {FileName} was not found. {SetupHint}");
                IntPtr library;
                try {
                    library = NativeLibrary.Load(path);
                } catch (DllNotFoundException e) {
                    throw new DllNotFoundException($"{path} was found but could not be loaded ({e.Message}). {SetupHint}", e);
                }
                if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBase))
                    throw new EntryPointNotFoundException($"{path} has no OrtGetApiBase export: it is not an ONNX Runtime library. {SetupHint}");
                var apiBase = ((delegate* unmanaged<OrtApiBase*>)getApiBase)();
                var table = apiBase->GetApi(ApiVersion);
                var version = Marshal.PtrToStringUTF8((IntPtr)apiBase->GetVersionString()) ?? "?";
                if (table == null)
                    throw new NotSupportedException($"{path} (ONNX Runtime {version}) does not serve C API version {ApiVersion}; version 1.17 or later is needed.");
                _table = table;
                return table;
            }
        }

        static string? Locate()
        {
            var env = Environment.GetEnvironmentVariable("GML_ONNXRUNTIME_NATIVE");
            if (!string.IsNullOrEmpty(env)) {
                var candidate = Directory.Exists(env) ? Path.Combine(env, FileName) : env;
                if (File.Exists(candidate)) return candidate;
                throw new DllNotFoundException($"GML_ONNXRUNTIME_NATIVE is set to '{env}', but {candidate} does not exist. {SetupHint}");
            }
            var inApp = Path.Combine(AppContext.BaseDirectory, FileName);
            if (File.Exists(inApp)) return inApp;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent) {
                var inRepo = Path.Combine(dir.FullName, ".cache", "onnxruntime", FileName);
                if (File.Exists(inRepo)) return inRepo;
            }
            return null;
        }
    }
}

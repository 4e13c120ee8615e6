using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace Generative.ML.Training.Platform
{
    /// <summary>
    /// Makes libtorch loadable before TorchSharp first touches it, with nothing for the user to run. TorchSharp 0.107's
    /// libLibTorchSharp.so needs libstdc++'s GLIBCXX_3.4.32 (GCC 13) for one symbol that no code binds to; an older
    /// libstdc++ (Debian 12's) makes the loader refuse the whole library, and TorchSharp then says a libtorch package is
    /// missing. Where that happens, the copy in the application's folder is replaced (never written through: it may be
    /// a hard link into the NuGet cache) by one whose need for that version is weak. Where the library loads as it is
    /// (libstdc++ from GCC 13 or later, or not Linux), nothing is done.
    /// </summary>
    internal static class LibTorchRuntime
    {
        static readonly Lazy<string?> Problem = new(Prepare);

        static string MissingNatives =>
            "libtorch's native files are not in this application: reference TorchSharp-cpu beside Generative.ML, " +
            $"for this platform ({RuntimeInformation.RuntimeIdentifier}).";

        /// <summary>Runs when this assembly loads, before any of its types can touch torch.</summary>
        [ModuleInitializer]
        [SuppressMessage("Usage", "CA2255", Justification = "libtorch must be made loadable before any type of this assembly touches TorchSharp.")]
        internal static void OnAssemblyLoad() => _ = Problem.Value;

        /// <summary>
        /// Throws <see cref="LibTorchUnavailableException"/>, saying why in one sentence and how to fix it, where libtorch
        /// cannot be loaded. An application that calls TorchSharp itself before any Generative.ML type calls this first.
        /// </summary>
        public static void EnsureAvailable()
        {
            if (Problem.Value is string problem) throw new LibTorchUnavailableException(problem);
            try {
                InitializeDeviceType(TorchSharp.DeviceType.CPU);
            } catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException or BadImageFormatException) {
                throw new LibTorchUnavailableException(MissingNatives, e);
            }
        }

        /// <summary>Null where libLibTorchSharp loads (or is not ours to fix); otherwise why not, in one sentence.</summary>
        static string? Prepare()
        {
            PassiveOpenMpThreads();
            return OperatingSystem.IsLinux() ? PrepareOnLinux() : null;
        }

        /// <summary>The OpenMP settings a user may give; where they give none, the library gives its own before libtorch loads.</summary>
        internal const string OpenMpWaitPolicy = "OMP_WAIT_POLICY", GnuSpinCount = "GOMP_SPINCOUNT", ShortSpin = "1000", PassivePolicy = "PASSIVE";

        /// <summary>
        /// libtorch's OpenMP threads spin on a core while they wait for work (libgomp: 300,000 turns by default). Beside
        /// other busy processes, or two fits in one process, spinning threads take the cores the working ones need. Measured
        /// on 2 cores, gml train on data/tables/survey.csv beside two busy processes: 217 s spinning for ever
        /// (OMP_WAIT_POLICY=ACTIVE), 144 s with 10,000 turns, 89 s never spinning (PASSIVE), 81 s with 1,000 turns; alone:
        /// 42, 39, 75 and 57 s. On Linux (libtorch's libgomp) the library therefore sets GOMP_SPINCOUNT=1000, libgomp's
        /// own figure for an oversubscribed machine; elsewhere (other OpenMP runtimes, not measured here)
        /// OMP_WAIT_POLICY=PASSIVE. OpenMP reads these once, when it loads, from the native environment (which .NET's
        /// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not change on Unix): they are set there,
        /// before libtorch loads, unless the process was started with either variable (its own setting then wins).
        /// </summary>
        static void PassiveOpenMpThreads()
        {
            if (OperatingSystem.IsWindows()) {
                // Windows' OpenMP runtimes read the process environment block, which this call changes.
                if (Environment.GetEnvironmentVariable(OpenMpWaitPolicy) is null) Environment.SetEnvironmentVariable(OpenMpWaitPolicy, PassivePolicy);
                return;
            }
            try {
                if (NativeEnvironment.getenv(OpenMpWaitPolicy) != IntPtr.Zero || NativeEnvironment.getenv(GnuSpinCount) != IntPtr.Zero) return;
                if (OperatingSystem.IsLinux()) NativeEnvironment.setenv(GnuSpinCount, ShortSpin, 0);
                else NativeEnvironment.setenv(OpenMpWaitPolicy, PassivePolicy, 0);
            } catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) {
                // No C library to ask (not seen on Linux or macOS): OpenMP keeps its own default.
            }
        }

        /// <summary>The C library's environment, which native libraries read (and .NET's own view of it does not write on Unix).</summary>
        internal static class NativeEnvironment
        {
            /// <summary>The variable as native code sees it; null where unset.</summary>
            internal static string? Get(string name) =>
                OperatingSystem.IsWindows() ? Environment.GetEnvironmentVariable(name) : Marshal.PtrToStringAnsi(getenv(name));

            [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
            internal static extern IntPtr getenv(string name);

            [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
            internal static extern int setenv(string name, string value, int overwrite);
        }

        [System.Runtime.Versioning.SupportedOSPlatform("linux")]
        static string? PrepareOnLinux()
        {
            var path = Candidates().FirstOrDefault(File.Exists);
            if (path is null) return null; // no native package: EnsureAvailable says so when torch fails
            for (var attempt = 0; attempt < 8; attempt++) {
                var error = TryLoad(path);
                if (error is null) return null;
                var version = Regex.Match(error, @"version `((?:GLIBCXX|CXXABI)_[0-9.]+)' not found");
                if (!version.Success)
                    return Regex.IsMatch(error, @"lib(torch|torch_cpu|c10)\.so: cannot open")
                        ? MissingNatives
                        : $"{path} cannot be loaded ({error.Trim()}): check that the TorchSharp-cpu package matches TorchSharp's version.";
                var refusal = WeakenedCopy(path, version.Groups[1].Value);
                if (refusal is not null) return refusal;
            }
            return $"{path} still cannot be loaded after its libstdc++ version needs were made weak.";
        }

        static string[] Candidates()
        {
            var rid = $"linux-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
            return new[] {
                Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", "libLibTorchSharp.so"),
                Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
            };
        }

        /// <summary>Replaces the file by a copy whose need for <paramref name="version"/> is weak; null when done, else why not.</summary>
        [System.Runtime.Versioning.SupportedOSPlatform("linux")]
        static string? WeakenedCopy(string path, string version)
        {
            var bytes = File.ReadAllBytes(path);
            if (!ElfVersionNeeds.Weaken(bytes, version))
                return $"{path} needs {version} of libstdc++, which this machine's libstdc++ lacks: install libstdc++ from GCC 13 or later.";
            var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".libLibTorchSharp.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            try {
                File.WriteAllBytes(temporary, bytes);
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
                File.Move(temporary, path, overwrite: true); // a rename: another process's loader sees the old file or the new one
                return null;
            } catch (Exception e) when (e is IOException or UnauthorizedAccessException) {
                File.Delete(temporary);
                return $"{path} needs {version} of libstdc++, which this machine's libstdc++ lacks, and it could not be replaced by a copy " +
                       $"that does without ({e.Message}): make the application's folder writable for one run, or install libstdc++ from GCC 13 or later.";
            }
        }

        /// <summary>The loader's error for the file, or null when it loads (it then stays loaded, as TorchSharp will load it anyway).</summary>
        static string? TryLoad(string path)
        {
            try {
                NativeLibrary.Load(path);
                return null;
            } catch (DllNotFoundException e) {
                return e.Message; // carries dlerror's text: which library lacks which version
            }
        }
    }
}

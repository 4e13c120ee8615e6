using System;
using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        public static readonly ScalarType uint8 = ScalarType.Byte;
        public static readonly ScalarType int8 = ScalarType.Int8;
        public static readonly ScalarType int16 = ScalarType.Int16;
        public static readonly ScalarType int32 = ScalarType.Int32;
        public static readonly ScalarType int64 = ScalarType.Int64;
        public static readonly ScalarType float16 = ScalarType.Float16;
        public static readonly ScalarType float32 = ScalarType.Float32;
        public static readonly ScalarType float64 = ScalarType.Float64;
        public static readonly ScalarType @bool = ScalarType.Bool;
        public static readonly ScalarType @float = ScalarType.Float32;
        public static readonly ScalarType @double = ScalarType.Float64;
        public static readonly ScalarType @long = ScalarType.Int64;
        public static readonly ScalarType @int = ScalarType.Int32;

        /// <summary>Sets the number of threads libtorch uses for intra-op parallelism.</summary>
        public static void set_num_threads(int num)
        {
            if (num < 1) throw new ArgumentOutOfRangeException(nameof(num), num, "The thread count must be at least 1.");
            EnsureAbi();
            Check(gml_set_num_threads(num));
        }

        public static int get_num_threads()
        {
            EnsureAbi();
            Check(gml_get_num_threads(out var n));
            return n;
        }

        /// <summary>Seeds the default generator (used by every random operation not given a generator).</summary>
        public static void manual_seed(long seed)
        {
            EnsureAbi();
            Check(gml_manual_seed(unchecked((ulong)seed)));
        }

        public static partial class random
        {
            public static void manual_seed(long seed) => torch.manual_seed(seed);
        }

        public static IDisposable no_grad() => new AutoGradMode(false);
        public static IDisposable enable_grad(bool enabled = true) => new AutoGradMode(enabled);
        public static IDisposable set_grad_enabled(bool mode = true) => new AutoGradMode(mode);

        public static bool is_grad_enabled()
        {
            EnsureAbi();
            Check(gml_is_grad_enabled(out var on));
            return on != 0;
        }

        /// <summary>Sets libtorch's thread-local grad mode and restores the previous one on disposal.</summary>
        sealed class AutoGradMode : IDisposable
        {
            readonly bool _previous;
            bool _disposed;

            public AutoGradMode(bool enabled)
            {
                EnsureAbi();
                Check(gml_set_grad_enabled(enabled ? 1 : 0, out var previous));
                _previous = previous != 0;
            }

            public void Dispose()
            {
                if (_disposed) return;
                _disposed = true;
                Check(gml_set_grad_enabled(_previous ? 1 : 0, out _));
            }
        }

        /// <summary>A random-number generator of its own, for reproducible streams independent of the global seed.</summary>
        public sealed class Generator : IDisposable
        {
            internal readonly GeneratorHandle NativeHandle;

            public Generator(ulong seed = 0, Device? device = null)
            {
                RequireCpu(device);
                EnsureAbi();
                Check(gml_generator_new(seed, out var raw));
                NativeHandle = new GeneratorHandle(raw);
            }

            public Generator manual_seed(long seed)
            {
                Check(gml_generator_seed(NativeHandle, unchecked((ulong)seed)));
                return this;
            }

            public long initial_seed()
            {
                Check(gml_generator_initial_seed(NativeHandle, out var s));
                return unchecked((long)s);
            }

            public Device device => CPU;

            public void Dispose() => NativeHandle.Dispose();
        }

        internal static GeneratorHandle GenHandle(Generator? g) => g?.NativeHandle ?? NoGenerator;
    }
}

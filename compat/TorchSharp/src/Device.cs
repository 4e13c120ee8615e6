using System;

namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>A compute device. This stand-in runs on the CPU only; CUDA needs the real TorchSharp-cuda package.</summary>
        public class Device
        {
            public DeviceType type { get; }
            public int index { get; }

            public Device(DeviceType type = DeviceType.CPU, int index = -1)
            {
                this.type = type;
                this.index = index;
            }

            public Device(string description)
            {
                var parts = description.Split(':');
                type = parts[0].Trim().ToLowerInvariant() switch {
                    "cpu" => DeviceType.CPU,
                    "cuda" => DeviceType.CUDA,
                    _ => throw new ArgumentException($"Unknown device '{description}'.", nameof(description)),
                };
                index = parts.Length > 1 ? int.Parse(parts[1]) : -1;
            }

            public override string ToString() => type == DeviceType.CPU ? "cpu" : (index < 0 ? "cuda" : $"cuda:{index}");
        }

        public static readonly Device CPU = new Device(DeviceType.CPU);

        public static Device device(string description) => new Device(description);
        public static Device device(DeviceType type, int index = -1) => new Device(type, index);

        /// <summary>CUDA queries. The offline stand-in is built over CPU libtorch, so no CUDA device is ever available.</summary>
        public static partial class cuda
        {
            public static bool is_available() => false;
            public static int device_count() => 0;
        }

        internal static void RequireCpu(Device? device)
        {
            if (device != null && device.type != DeviceType.CPU)
                throw new NotSupportedException(
                    $"Device '{device}' is not available: the offline TorchSharp stand-in runs on the CPU only. " +
                    "Build with -p:UseRealPackages=true and the TorchSharp-cuda package for GPU training.");
        }
    }
}

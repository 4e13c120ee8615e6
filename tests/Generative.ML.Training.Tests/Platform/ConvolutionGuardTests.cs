using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using Generative.ML.Training.Platform;
using Generative.ML.Training.Tests.Support;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Platform
{
    /// <summary>
    /// The guard against libtorch 2.10's wrong oneDNN convolutions: it leaves this process's convolutions right, the
    /// switch it needs is still exported by libtorch, and on a machine made to show the bug it notices and recovers.
    /// </summary>
    public class ConvolutionGuardTests
    {
        [Fact]
        public void After_the_guard_the_probes_agree_with_float64()
        {
            var check = ConvolutionGuard.Ensure();
            Assert.True(ConvolutionGuard.WorstError() < ConvolutionGuard.Tolerance);
            // Healthy as loaded, or made healthy by switching oneDNN off: never left wrong.
            Assert.True(check.WorstError < ConvolutionGuard.Tolerance || (check.OneDnnSwitchedOff && !LibTorchContext.OneDnnEnabled),
                        $"The guard found error {check.WorstError} and left oneDNN on.");
            Assert.Equal(check.OneDnnSwitchedOff, check.Notice is not null);
        }

        [Fact]
        public void A_convolutional_fit_says_what_the_guard_changed_on_its_first_report_only()
        {
            var reports = new ListProgress<TrainingProgress>();
            using var model = new Autoencoder(16, 2, new ConvArchitecture { Height = 4, Width = 4, ConvChannels = new long[] { 3 } });
            new Trainer(new TrainerOptions { Epochs = 2, BatchSize = 8 })
                .Fit(model, TrainingData.FromMatrix(new float[16 * 16], 16), reports);
            Assert.Equal(ConvolutionGuard.Ensure().Notice, reports.Reports[0].Notice);
            Assert.All(reports.Reports.Skip(1), r => Assert.Null(r.Notice));
        }

        [Fact]
        public void This_libtorch_exports_the_switches_the_guard_needs()
        {
            // A libtorch upgrade that drops at::Context::setUserEnabledMkldnn would leave the guard unable to recover.
            Assert.True(LibTorchContext.IsAvailable, "libtorch_cpu does not export at::Context::setUserEnabledMkldnn / userEnabledMkldnn.");
            _ = LibTorchContext.OneDnnEnabled;
            _ = LibTorchContext.NnpackEnabled;
        }

        /// <summary>
        /// In a process of its own (the change is process-wide and cannot be undone): oneDNN is made to believe every
        /// cache is 1 byte, as on the virtual machines that show the bug; the probes must then fail, and the guard must
        /// switch oneDNN off, after which the probes and a whole convolutional network agree with float64 again.
        /// </summary>
        [Fact]
        public void Where_onednn_is_wrong_the_guard_switches_it_off_and_convolutions_are_right_again()
        {
            Assert.Contains("switched off", ChildProcess.Run(BrokenOneDnnRun.Command));
        }
    }

    /// <summary>
    /// What the guard test runs in a child process: `dotnet Generative.ML.Training.Tests.dll broken-onednn`.
    /// oneDNN 3.7.1 keeps the cache sizes it detected in a static Xbyak::util::Cpu object inside libtorch_cpu.so; this
    /// writes 1 byte into them (the offset is that of libtorch 2.10.0's linux-x64 binary, checked by its length first).
    /// </summary>
    internal static class BrokenOneDnnRun
    {
        public const string Command = "broken-onednn";

        // libtorch_cpu.so of libtorch-cpu-linux-x64 2.10.0 (TorchSharp-cpu 0.107.0), and its Xbyak::util::Cpu object:
        // dataCacheSize_[3] at +28 bytes, coresSharingDataCache_[3] at +68, found from the library's symbol table.
        const long LibraryLength = 461211481, CpuObject = 0x1585b180;

        public static int Run()
        {
            if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) {
                Console.WriteLine("This check runs on linux-x64, where the offset into libtorch_cpu.so is known.");
                return 0;
            }
            using (var x = randn(2, 3, 4, 4)) using (var w = randn(5, 3, 3, 3)) using (nn.functional.conv2d(x, w)) { } // oneDNN reads CPUID
            var mapping = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                              .First(f => f.Length == 6 && f[5].EndsWith("/libtorch_cpu.so") && Convert.ToInt64(f[2], 16) == 0);
            var length = new FileInfo(mapping[5]).Length;
            if (length != LibraryLength) {
                Console.Error.WriteLine($"{mapping[5]} is {length} bytes, not libtorch 2.10.0's {LibraryLength}: find the Xbyak::util::Cpu offset of this build.");
                return 3;
            }
            var cpu = (IntPtr)(Convert.ToInt64(mapping[0].Split('-')[0], 16) + CpuObject);
            for (var level = 0; level < 3; level++) {
                Marshal.WriteInt32(cpu, 28 + 4 * level, 1);
                Marshal.WriteInt32(cpu, 68 + 4 * level, 1);
            }
            var broken = ConvolutionGuard.WorstError();
            Console.WriteLine($"probes with 1-byte caches: relative error {broken:G3}");
            if (broken < 0.01) {
                Console.Error.WriteLine("Writing 1-byte cache sizes did not break oneDNN's convolutions: the offset no longer points at its cache sizes.");
                return 4;
            }
            var check = ConvolutionGuard.Ensure();
            Console.WriteLine(check.Notice ?? "the guard saw nothing wrong");
            Console.WriteLine($"the check took {check.Milliseconds:F1} ms");
            if (!check.OneDnnSwitchedOff || LibTorchContext.OneDnnEnabled || !(ConvolutionGuard.WorstError() < ConvolutionGuard.Tolerance)) return 5;
            var architecture = new ConvArchitecture { Channels = 3, Height = 7, Width = 5, ConvChannels = new long[] { 20, 12 } };
            using var encoder = architecture.CreateEncoderBody(105, out _);
            using var decoder = architecture.CreateDecoderBody(105, out var decoderInput);
            ConvolutionParityTests.AssertFloat64Parity(encoder, 105, "encoder");
            ConvolutionParityTests.AssertFloat64Parity(decoder, decoderInput, "decoder");
            Console.WriteLine("the network agrees with float64");
            return 0;
        }
    }
}

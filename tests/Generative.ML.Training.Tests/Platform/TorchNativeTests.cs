using System;
using System.IO;
using System.Linq;
using System.Text;
using Generative.ML.Training.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Platform
{
    /// <summary>
    /// TorchSharp's native glue loads on this machine with no step of the build's: where the system's libstdc++ lacks
    /// GLIBCXX_3.4.32 (Debian 12), the library weakens that need in this output folder's copy at run time, and leaves the
    /// NuGet cache's copy as it was.
    /// </summary>
    public class TorchNativeTests
    {
        const string Version = "GLIBCXX_3.4.32";

        static string CacheCopy() => Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                                                  ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
                                                  "torchsharp", typeof(TorchSharp.torch).Assembly.GetName().Version!.ToString(3), "runtimes", "linux-x64",
                                                  "native", "libLibTorchSharp.so");

        [Fact]
        public void TorchInitialisesAndComputes()
        {
            using var x = ones(3, 4);
            Assert.Equal(12.0, x.sum().ToDouble());
        }

        [Fact]
        public void OnAnOldLibstdcxxOnlyTheOutputCopysNeedIsWeakened()
        {
            using (ones(1)) { } // loads libtorch, and with it the libstdc++ this process uses
            var libstdcxx = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                                .Where(f => f.Length == 6 && Path.GetFileName(f[5]).StartsWith("libstdc++.so")).Select(f => f[5]).First();
            var oldLibstdcxx = File.ReadAllBytes(libstdcxx).AsSpan().IndexOf(Encoding.ASCII.GetBytes(Version)) < 0;
            var output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
            Assert.True(File.Exists(output), $"{output} is missing");
            var need = ElfVersionNeeds.Read(File.ReadAllBytes(output)).Single(n => n.Version == Version);
            Assert.Equal(oldLibstdcxx, need.Weak);
            if (File.Exists(CacheCopy()))
                Assert.False(ElfVersionNeeds.Read(File.ReadAllBytes(CacheCopy())).Single(n => n.Version == Version).Weak,
                             $"The NuGet cache's {CacheCopy()} was modified.");
        }

        [Fact]
        public void WeakeningChangesOneFlagAndNothingElse()
        {
            if (!File.Exists(CacheCopy())) return; // not restored from this machine's cache
            var original = File.ReadAllBytes(CacheCopy());
            var needs = ElfVersionNeeds.Read(original);
            Assert.Contains(needs, n => n.Library == "libstdc++.so.6" && n.Version == Version && !n.Weak);
            Assert.Contains(needs, n => n.Library == "libc.so.6");
            var edited = (byte[])original.Clone();
            Assert.True(ElfVersionNeeds.Weaken(edited, Version));
            Assert.False(ElfVersionNeeds.Weaken(edited, Version)); // already weak
            var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != edited[i]).ToList();
            Assert.Single(changed);
            Assert.Equal(needs.Single(n => n.Version == Version).FlagsOffset, changed[0]);
            Assert.True(ElfVersionNeeds.Read(edited).Single(n => n.Version == Version).Weak);
            Assert.Equal(needs.Count(n => n.Weak) + 1, ElfVersionNeeds.Read(edited).Count(n => n.Weak));
        }

        [Fact]
        public void NotAnElfFileIsRefused() =>
            Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(Encoding.ASCII.GetBytes("#!/bin/sh\necho not a library\n" + new string(' ', 64))));
    }
}

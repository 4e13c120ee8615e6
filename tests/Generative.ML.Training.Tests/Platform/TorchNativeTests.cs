using System;
using System.IO;
using System.Linq;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Platform
{
    /// <summary>
    /// TorchSharp's native glue loads on this machine. Where the system's libstdc++ lacks GLIBCXX_3.4.32 (Debian 12),
    /// that takes the build's patch of this output folder's copy (eng/libstdcxx-compat), which must leave the NuGet
    /// cache's copy as it was.
    /// </summary>
    public class TorchNativeTests
    {
        const string Shim = "libgml_ios_base_init.so";

        [Fact]
        public void TorchInitialisesAndComputes()
        {
            using var x = ones(3, 4);
            Assert.Equal(12.0, x.sum().ToDouble());
        }

        [Fact]
        public void OnAnOldLibstdcxxOnlyTheOutputCopyIsPatched()
        {
            using (ones(1)) { } // loads libtorch, and with it the libstdc++ this process uses
            var libstdcxx = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                                .Where(f => f.Length == 6 && Path.GetFileName(f[5]).StartsWith("libstdc++.so")).Select(f => f[5]).First();
            var needsPatch = !Contains(File.ReadAllBytes(libstdcxx), "GLIBCXX_3.4.32");
            var output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
            Assert.True(File.Exists(output), $"{output} is missing");
            Assert.Equal(needsPatch, Contains(File.ReadAllBytes(output), Shim));
            Assert.Equal(needsPatch, File.Exists(Path.Combine(Path.GetDirectoryName(output)!, Shim)));

            var cache = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                                     ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
                                     "torchsharp", typeof(TorchSharp.torch).Assembly.GetName().Version!.ToString(3), "runtimes", "linux-x64", "native",
                                     "libLibTorchSharp.so");
            if (File.Exists(cache)) Assert.False(Contains(File.ReadAllBytes(cache), Shim), $"The NuGet cache's {cache} was modified.");
        }

        static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;
    }
}

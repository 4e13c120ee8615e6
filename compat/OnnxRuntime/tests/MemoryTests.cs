using System;
using System.Diagnostics;

namespace Microsoft.ML.OnnxRuntime.Tests
{
    /// <summary>Every native object is released when its owner is disposed: long loops run in flat memory.</summary>
    public class MemoryTests
    {
        [Fact]
        public void Sessions_values_and_runs_in_a_long_loop_do_not_grow_memory()
        {
            var model = TestGraphs.Affine();
            var x = new float[256 * TestGraphs.Width];
            void Work(int sessions, int runs)
            {
                for (var s = 0; s < sessions; s++) {
                    using var session = new InferenceSession(model);
                    for (var i = 0; i < runs; i++) {
                        using var value = OrtValue.CreateTensorValueFromMemory(x, new long[] { 256, TestGraphs.Width });
                        using var options = new RunOptions();
                        using var outputs = session.Run(options, new[] { "x" }, new[] { value }, session.OutputNames);
                    }
                }
            }

            Work(20, 50); // warm-up: arenas, thread pools, JIT
            var before = ResidentBytes();
            Work(200, 50);
            var growth = ResidentBytes() - before;
            // 200 sessions and 10,000 runs with 8 KB outputs each: a leak of any of them would pass 24 MiB.
            Assert.True(growth < 24L << 20, $"Resident memory grew by {growth >> 20} MiB over 10,000 runs.");
        }

        static long ResidentBytes()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var p = Process.GetCurrentProcess();
            p.Refresh();
            return p.WorkingSet64;
        }
    }
}

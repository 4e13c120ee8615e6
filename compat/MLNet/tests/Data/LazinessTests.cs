using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.ML.Data;

namespace Microsoft.ML.Tests.Data
{
    /// <summary>Views read nothing until a cursor asks, and read only the active columns.</summary>
    public class LazinessTests
    {
        private readonly MLContext _ml = new(seed: 1);

        public sealed class Counted
        {
            public static int AReads, BReads;
            private float _a, _b;

            public float A { get { AReads++; return _a; } set => _a = value; }
            public float B { get { BReads++; return _b; } set => _b = value; }
        }

        private sealed class CountingSequence : IEnumerable<Counted>
        {
            public int Enumerations;
            public int Yielded;
            private readonly int _rows;

            public CountingSequence(int rows) => _rows = rows;

            public IEnumerator<Counted> GetEnumerator()
            {
                Enumerations++;
                for (int i = 0; i < _rows; i++)
                {
                    Yielded++;
                    yield return new Counted { A = i, B = 2 * i };
                }
            }

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }

        [Fact]
        public void BuildingAPipelineReadsNoRows()
        {
            var source = new CountingSequence(5);
            var view = _ml.Data.LoadFromEnumerable(source);
            var pipeline = _ml.Transforms.Concatenate("AB", "A", "B").Append(_ml.Transforms.CopyColumns("C", "A"));
            var model = pipeline.Fit(view);
            var output = model.Transform(view);
            Assert.Equal(0, source.Enumerations);
            Assert.NotNull(output.Schema["AB"]);
        }

        [Fact]
        public void OnlyTheColumnsACursorAsksForAreRead()
        {
            var source = new CountingSequence(4);
            var view = _ml.Transforms.CopyColumns("C", "A").Fit(_ml.Data.LoadFromEnumerable(source)).Transform(_ml.Data.LoadFromEnumerable(source));
            Counted.AReads = Counted.BReads = 0;
            using (var cursor = view.GetRowCursor(new[] { view.Schema["C"] }))
            {
                var c = cursor.GetGetter<float>(view.Schema["C"]);
                float value = 0, sum = 0;
                while (cursor.MoveNext())
                {
                    c(ref value);
                    sum += value;
                }
                Assert.Equal(0 + 1 + 2 + 3, sum);
            }
            Assert.Equal(4, Counted.AReads);
            Assert.Equal(0, Counted.BReads);
            Assert.Equal(1, source.Enumerations);
        }

        [Fact]
        public void EveryCursorEnumeratesTheSourceAgain()
        {
            var source = new CountingSequence(3);
            var view = _ml.Data.LoadFromEnumerable(source);
            Assert.Equal(3, _ml.Data.CreateEnumerable<Counted>(view, true).Count());
            Assert.Equal(3, _ml.Data.CreateEnumerable<Counted>(view, true).Count());
            Assert.Equal(2, source.Enumerations);
            Assert.Null(view.GetRowCount());
        }

        public sealed class Wide
        {
            [VectorType(32)]
            public float[] Features { get; set; } = new float[32];
        }

        private static IEnumerable<Wide> Generate(int rows)
        {
            for (int i = 0; i < rows; i++)
            {
                var w = new Wide();
                w.Features[i % 32] = i;
                yield return w;
            }
        }

        /// <summary>
        /// A million rows of 32 floats (128 MB if anything held them) stream through a fitted pipeline while the managed
        /// heap stays within a few MB of where it started.
        /// </summary>
        [Fact]
        [Trait("Category", "EndToEnd")]
        public void AMillionRowsStreamWithFlatMemory()
        {
            const int rows = 1_000_000;
            var sample = _ml.Data.LoadFromEnumerable(Generate(1000));
            var model = _ml.Transforms.NormalizeMinMax("Scaled", "Features")
                .Append(_ml.Transforms.Concatenate("Both", "Features", "Scaled"))
                .Fit(sample);
            var output = model.Transform(_ml.Data.LoadFromEnumerable(Generate(rows)));

            GC.Collect();
            GC.WaitForPendingFinalizers();
            long baseline = GC.GetTotalMemory(true);
            long peak = 0, count = 0;
            double total = 0;
            using (var cursor = output.GetRowCursor(new[] { output.Schema["Both"] }))
            {
                var both = cursor.GetGetter<VBuffer<float>>(output.Schema["Both"]);
                VBuffer<float> value = default;
                while (cursor.MoveNext())
                {
                    both(ref value);
                    total += value.GetValues()[(int)(count % 32)];
                    if (++count % 100_000 == 0)
                        peak = Math.Max(peak, GC.GetTotalMemory(true) - baseline);
                }
            }
            Assert.Equal(rows, count);
            Assert.True(total > 0);
            Assert.True(peak < 16 << 20, $"The managed heap grew by {peak >> 20} MB while streaming.");
        }
    }
}

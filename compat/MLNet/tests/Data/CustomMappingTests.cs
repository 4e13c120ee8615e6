using System;
using System.IO;
using System.Linq;
using Microsoft.ML.Data;
using Microsoft.ML.Tests.Support;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.Tests.Data
{
    public sealed class SumInput
    {
        public float A { get; set; }
        public float B { get; set; }
    }

    public sealed class SumOutput
    {
        public float Sum { get; set; }
        public float Difference { get; set; }
    }

    /// <summary>The mapping saved models find again by contract name.</summary>
    [CustomMappingFactoryAttribute(nameof(SumMapping))]
    public sealed class SumMapping : CustomMappingFactory<SumInput, SumOutput>
    {
        public static int Calls;

        public static void Map(SumInput input, SumOutput output)
        {
            Calls++;
            output.Sum = input.A + input.B;
            output.Difference = input.A - input.B;
        }

        public override Action<SumInput, SumOutput> GetMapping() => Map;
    }

    public class CustomMappingTests
    {
        private readonly MLContext _ml = new(seed: 1);

        private IDataView Data() => _ml.Data.LoadFromEnumerable(new[] { new Reading { A = 1, B = 2 }, new Reading { A = 5, B = -1 } });

        [Fact]
        public void TheActionRunsOncePerRowForAllItsColumns()
        {
            var output = _ml.Transforms.CustomMapping<SumInput, SumOutput>(SumMapping.Map, nameof(SumMapping)).Fit(Data()).Transform(Data());
            SumMapping.Calls = 0;
            var sums = new System.Collections.Generic.List<(float, float)>();
            using (var cursor = output.GetRowCursor(new[] { output.Schema["Sum"], output.Schema["Difference"] }))
            {
                var sum = cursor.GetGetter<float>(output.Schema["Sum"]);
                var difference = cursor.GetGetter<float>(output.Schema["Difference"]);
                float s = 0, d = 0;
                while (cursor.MoveNext())
                {
                    sum(ref s);
                    difference(ref d);
                    sum(ref s);
                    sums.Add((s, d));
                }
            }
            Assert.Equal(new[] { (3f, -1f), (4f, 6f) }, sums);
            Assert.Equal(2, SumMapping.Calls);
        }

        [Fact]
        public void AMappingWithoutAContractNameCannotBeSaved()
        {
            var model = _ml.Transforms.CustomMapping<SumInput, SumOutput>(SumMapping.Map, contractName: null).Fit(Data());
            using var stream = new MemoryStream();
            var error = Assert.Throws<InvalidOperationException>(() => _ml.Model.Save(model, Data().Schema, stream));
            Assert.Equal("Empty contract name for a transform: the transform cannot be saved", error.Message);
            Assert.Equal(0, stream.Length);
        }

        [Fact]
        public void LoadingNeedsTheFactoryAssemblyRegistered()
        {
            var model = _ml.Transforms.CustomMapping<SumInput, SumOutput>(SumMapping.Map, nameof(SumMapping)).Fit(Data());
            using var stream = new MemoryStream();
            _ml.Model.Save(model, Data().Schema, stream);

            var fresh = new MLContext();
            stream.Position = 0;
            var error = Assert.Throws<InvalidOperationException>(() => fresh.Model.Load(stream, out _));
            Assert.Contains($"'{nameof(SumMapping)}'", error.Message);
            Assert.Contains("RegisterAssembly", error.Message);

            fresh.ComponentCatalog.RegisterAssembly(typeof(SumMapping).Assembly);
            stream.Position = 0;
            var loaded = fresh.Model.Load(stream, out var schema);
            Assert.Equal(new float[] { 3, 4 }, Read.Column<float>(loaded.Transform(Data()), "Sum"));
            Assert.Equal(Data().Schema.Select(c => c.Name), schema.Select(c => c.Name));
        }

        [Fact]
        public void InputColumnsAreChecked()
        {
            var other = _ml.Data.LoadFromEnumerable(new[] { new SumOutput() });
            var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
                _ml.Transforms.CustomMapping<SumInput, SumOutput>(SumMapping.Map, null).Fit(other));
            Assert.Contains("Could not find input column 'A'", error.Message);
        }
    }
}

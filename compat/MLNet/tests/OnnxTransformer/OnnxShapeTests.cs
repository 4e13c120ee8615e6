using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.Data;
using Microsoft.ML.Tests.Support;

namespace Microsoft.ML.Tests.OnnxTransformer
{
    /// <summary>ML.NET's shape rules: no output is a scalar; an unknown batch dimension counts as 1.</summary>
    public class OnnxShapeTests
    {
        private readonly MLContext _ml = new(seed: 1);

        private IDataView Points() => _ml.Data.LoadFromEnumerable(new[]
        {
            new Point { x = new float[] { 1, 2, 3, 4, 5, 6 } },
            new Point { x = new float[] { -1, -1, -1, 0, 0, 0 } },
        });

        [Fact]
        public void OutputsBecomeVectorsShapedAsInMLNet()
        {
            using var model = _ml.Transforms.ApplyOnnxModel(new MemoryStream(Graphs.Shapes())).Fit(Points());
            var schema = model.GetOutputSchema(Points().Schema);
            Assert.Equal("Vector<Single, 1, 64>", schema["wide"].Type.ToString());
            Assert.Equal(64, ((VectorDataViewType)schema["wide"].Type).Size);
            Assert.Equal(new[] { 1, 64 }, ((VectorDataViewType)schema["wide"].Type).Dimensions);
            Assert.Equal("Vector<Single, 1>", schema["sum"].Type.ToString());
            Assert.Equal("Vector<Single, 1, 1>", schema["sum1"].Type.ToString());
            Assert.Equal("Vector<Boolean, 1>", schema["positive"].Type.ToString());
        }

        [Fact]
        public void AModelFileGivesTheSameColumnsAsItsBytes()
        {
            string path = Path.Combine(Path.GetTempPath(), $"gml-shapes-{Guid.NewGuid():N}.onnx");
            File.WriteAllBytes(path, Graphs.Shapes());
            try
            {
                using var fromFile = _ml.Transforms.ApplyOnnxModel(path).Fit(Points());
                using var fromBytes = _ml.Transforms.ApplyOnnxModel(new MemoryStream(Graphs.Shapes())).Fit(Points());
                Assert.Equal(fromBytes.GetOutputSchema(Points().Schema).Select(c => (c.Name, c.Type)),
                    fromFile.GetOutputSchema(Points().Schema).Select(c => (c.Name, c.Type)));
                Assert.Equal(Read.Vectors(fromBytes.Transform(Points()), "sum1"), Read.Vectors(fromFile.Transform(Points()), "sum1"));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void ValuesMatchTheGraphsMath()
        {
            using var model = _ml.Transforms.ApplyOnnxModel(new MemoryStream(Graphs.Shapes())).Fit(Points());
            var output = model.Transform(Points());
            var wide = Read.Vectors(output, "wide");
            var expected = Graphs.WideExpected(new float[] { 1, 2, 3, 4, 5, 6 });
            for (int j = 0; j < Graphs.Wide; j++)
                Assert.Equal(expected[j], wide[0][j], 4);
            Assert.Equal(new[] { new[] { 21f }, new[] { -3f } }, Read.Vectors(output, "sum"));
            Assert.Equal(new[] { new[] { true }, new[] { false } }, Read.Vectors<bool>(output, "positive"));
        }

        [Fact]
        public void AScalarShapeBecomesOneValue()
        {
            var data = _ml.Data.LoadFromEnumerable(new[] { new ScalarRow { s = 1.5f }, new ScalarRow { s = -2 } });
            using var model = _ml.Transforms.ApplyOnnxModel(new MemoryStream(Graphs.Scalar())).Fit(data);
            var output = model.Transform(data);
            Assert.Equal("Vector<Single, 1>", output.Schema["twice"].Type.ToString());
            Assert.Equal(new[] { new[] { 3f }, new[] { -4f } }, Read.Vectors(output, "twice"));
        }

        public sealed class ScalarRow
        {
            public float s { get; set; }
        }

        public sealed class FreeRow
        {
            public float[] v { get; set; } = Array.Empty<float>();
        }

        [Fact]
        public void OneMoreUnknownDimensionIsTakenFromTheData()
        {
            var data = _ml.Data.LoadFromEnumerable(new[] { new FreeRow { v = new float[] { 1, 2 } }, new FreeRow { v = new float[] { 3, 4, 5 } } });
            using var model = _ml.Transforms.ApplyOnnxModel(new MemoryStream(Graphs.FreeWidth())).Fit(data);
            var output = model.Transform(data);
            Assert.Equal("Vector<Single, 1, *>", output.Schema["doubled"].Type.ToString());
            Assert.Equal(new[] { new[] { 2f, 4 }, new[] { 6f, 8, 10 } }, Read.Vectors(output, "doubled"));
        }

        [Fact]
        public void AShapeDictionaryOverridesTheModelsShapes()
        {
            var data = _ml.Data.LoadFromEnumerable(new[] { new FreeRow { v = new float[] { 1, 2, 3, 4 } } });
            var shapes = new Dictionary<string, int[]> { ["v"] = new[] { 1, 4 }, ["doubled"] = new[] { 2, 2 } };
            using var model = _ml.Transforms.ApplyOnnxModel(new MemoryStream(Graphs.FreeWidth()), shapes).Fit(data);
            var output = model.Transform(data);
            Assert.Equal("Vector<Single, 2, 2>", output.Schema["doubled"].Type.ToString());
            Assert.Equal(new[] { 2f, 4, 6, 8 }, Read.Vectors(output, "doubled")[0]);
        }

        [Fact]
        public void TheShapesSurviveSaveAndLoad()
        {
            using var model = _ml.Transforms.ApplyOnnxModel(new MemoryStream(Graphs.Shapes())).Fit(Points());
            using var file = new MemoryStream();
            _ml.Model.Save(model, Points().Schema, file);
            file.Position = 0;
            var loaded = _ml.Model.Load(file, out var inputSchema);
            var before = model.GetOutputSchema(Points().Schema);
            var after = loaded.GetOutputSchema(inputSchema);
            foreach (var name in new[] { "wide", "sum", "sum1", "positive" })
                Assert.Equal(before[name].Type, after[name].Type);
            Assert.Equal(Read.Vectors(model.Transform(Points()), "wide"), Read.Vectors(loaded.Transform(Points()), "wide"));
            (loaded as IDisposable)?.Dispose();
        }
    }
}

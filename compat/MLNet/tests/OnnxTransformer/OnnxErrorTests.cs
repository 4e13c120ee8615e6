using System;
using System.IO;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tests.Support;

namespace Microsoft.ML.Tests.OnnxTransformer
{
    public class OnnxErrorTests
    {
        private readonly MLContext _ml = new(seed: 1);

        public sealed class Misnamed
        {
            [VectorType(Graphs.Width)] public float[] features { get; set; } = new float[Graphs.Width];
        }

        public sealed class Doubles
        {
            [VectorType(Graphs.Width)] public double[] x { get; set; } = new double[Graphs.Width];
        }

        public sealed class TooShort
        {
            [VectorType(4)] public float[] x { get; set; } = new float[4];
        }

        [Fact]
        public void AMissingInputColumnIsNamed()
        {
            var data = _ml.Data.LoadFromEnumerable(new[] { new Misnamed() });
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.ApplyOnnxModel(new MemoryStream(Graphs.Shapes())).Fit(data));
            Assert.Contains("Could not find input column 'x'", error.Message);
        }

        [Fact]
        public void AnInputOfTheWrongItemTypeIsNamed()
        {
            var data = _ml.Data.LoadFromEnumerable(new[] { new Doubles() });
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.ApplyOnnxModel(new MemoryStream(Graphs.Shapes())).Fit(data));
            Assert.Contains("input column 'x'", error.Message);
            Assert.Contains("Double", error.Message);
        }

        [Fact]
        public void AnInputOfTheWrongSizeIsNamed()
        {
            var data = _ml.Data.LoadFromEnumerable(new[] { new TooShort() });
            var error = Assert.Throws<InvalidOperationException>(() => _ml.Transforms.ApplyOnnxModel(new MemoryStream(Graphs.Shapes())).Fit(data));
            Assert.Contains("Input 'x'", error.Message);
            Assert.Contains("length 4", error.Message);
        }

        [Fact]
        public void UnknownOutputNamesAreRefusedAtApply()
        {
            var error = Assert.Throws<ArgumentException>(() =>
                _ml.Transforms.ApplyOnnxModel(new[] { "nope" }, new[] { "x" }, new MemoryStream(Graphs.Shapes())));
            Assert.Contains("nope", error.Message);
            Assert.Contains("wide", error.Message);
        }

        [Fact]
        public void NotAModelFailsAtApplyWithORTsMessage()
        {
            Assert.Throws<OnnxRuntimeException>(() => _ml.Transforms.ApplyOnnxModel(new MemoryStream(new byte[] { 1, 2, 3 })));
            var missing = Assert.Throws<FileNotFoundException>(() => _ml.Transforms.ApplyOnnxModel("/no/such/model.onnx"));
            Assert.Contains("/no/such/model.onnx", missing.Message);
        }

        [Fact]
        public void AGpuThatCannotBeUsedThrowsUnlessFallingBack()
        {
            // The ONNX Runtime library here is the CPU build: asking for CUDA fails, as it would on a machine without one.
            Assert.Throws<OnnxRuntimeException>(() => _ml.Transforms.ApplyOnnxModel(new MemoryStream(Graphs.Shapes()), gpuDeviceId: 0));
            var data = _ml.Data.LoadFromEnumerable(new[] { new Point { x = new float[] { 1, 1, 1, 1, 1, 1 } } });
            using var model = _ml.Transforms.ApplyOnnxModel(new MemoryStream(Graphs.Shapes()), gpuDeviceId: 0, fallbackToCpu: true).Fit(data);
            Assert.Equal(new[] { new[] { 6f } }, Read.Vectors(model.Transform(data), "sum"));

            var context = new MLContext { GpuDeviceId = 0, FallbackToCpu = true };
            using var viaContext = context.Transforms.ApplyOnnxModel(new MemoryStream(Graphs.Shapes())).Fit(data);
            Assert.Equal(new[] { new[] { 6f } }, Read.Vectors(viaContext.Transform(data), "sum"));
        }

        [Fact]
        public void OnlyTheNamedOutputsAreAdded()
        {
            var data = _ml.Data.LoadFromEnumerable(new[] { new Point() });
            using var model = _ml.Transforms.ApplyOnnxModel("sum", "x", new MemoryStream(Graphs.Shapes())).Fit(data);
            var schema = model.GetOutputSchema(data.Schema);
            Assert.NotNull(schema.GetColumnOrNull("sum"));
            Assert.Null(schema.GetColumnOrNull("wide"));
        }
    }
}

using System;
using System.IO;
using Microsoft.ML.Data;
using Microsoft.ML.Tests.Support;

namespace Microsoft.ML.Tests.Data
{
    public class PredictionEngineTests
    {
        private readonly MLContext _ml = new(seed: 1);

        public sealed class Prediction
        {
            public float Sum { get; set; }
            [VectorType(1)] public float[] sum { get; set; } = Array.Empty<float>();
            [VectorType(1)] public bool[] positive { get; set; } = Array.Empty<bool>();
        }

        public sealed class Input
        {
            public float A { get; set; }
            public float B { get; set; }
            [VectorType(Graphs.Width)] public float[] x { get; set; } = new float[Graphs.Width];
        }

        [Fact]
        public void OneObjectAtATimeThroughCustomMappingAndOnnx()
        {
            var data = _ml.Data.LoadFromEnumerable(new[] { new Input() });
            var model = _ml.Transforms.CustomMapping<SumInput, SumOutput>(SumMapping.Map, nameof(SumMapping))
                .Append(_ml.Transforms.ApplyOnnxModel(new[] { "sum", "positive" }, new[] { "x" }, new MemoryStream(Graphs.Shapes())))
                .Fit(data);
            using var engine = _ml.Model.CreatePredictionEngine<Input, Prediction>(model);

            var first = engine.Predict(new Input { A = 1, B = 2, x = new float[] { 1, 1, 1, 1, 1, 1 } });
            var second = engine.Predict(new Input { A = -4, B = 1, x = new float[] { -1, -1, -1, -1, -1, 0 } });
            Assert.Equal(3f, first.Sum);
            Assert.Equal(new[] { 6f }, first.sum);
            Assert.Equal(new[] { true }, first.positive);
            Assert.Equal(-3f, second.Sum);
            Assert.Equal(new[] { -5f }, second.sum);
            Assert.Equal(new[] { false }, second.positive);
            Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 1), engine.OutputSchema["sum"].Type);
            model.Dispose();
        }

        public sealed class WrongPrediction
        {
            public float sum { get; set; }
        }

        [Fact]
        public void AnOutputMemberOfTheWrongTypeIsRefused()
        {
            var data = _ml.Data.LoadFromEnumerable(new[] { new Input() });
            using var model = _ml.Transforms.ApplyOnnxModel(new MemoryStream(Graphs.Shapes())).Fit(data);
            var error = Assert.Throws<InvalidOperationException>(() => _ml.Model.CreatePredictionEngine<Input, WrongPrediction>(model));
            Assert.Contains("'sum'", error.Message);
        }
    }
}

using System;
using System.Linq;
using Microsoft.ML.Data;
using Microsoft.ML.Tests.Support;

namespace Microsoft.ML.Tests.Data
{
    /// <summary>Estimators check and describe their output before any data is read.</summary>
    public class SchemaPropagationTests
    {
        private readonly MLContext _ml = new(seed: 1);

        public sealed class NoInput
        {
        }

        /// <summary>
        /// SchemaShape's factory and its columns' constructor are internal in ML.NET; through the public API a shape
        /// comes from an estimator. A custom mapping with no inputs adds exactly the columns of its output class.
        /// </summary>
        private SchemaShape ShapeOfReading()
            => _ml.Transforms.CustomMapping<NoInput, Reading>((_, _) => { }, null)
                .GetOutputSchema(new SchemaShape(Array.Empty<SchemaShape.Column>()));

        [Fact]
        public void AShapeDescribesKindsAndItemTypes()
        {
            var shape = ShapeOfReading();
            Assert.Equal(new[] { "A", "B", "V", "Name" }, shape.Select(c => c.Name));
            Assert.True(shape.TryFindColumn("V", out var v));
            Assert.Equal(SchemaShape.Column.VectorKind.Vector, v.Kind);
            Assert.Equal("Vector<Single>", v.GetTypeString());
            Assert.True(shape.TryFindColumn("Name", out var name));
            Assert.Equal(TextDataViewType.Instance, name.ItemType);
        }

        [Fact]
        public void APipelineShapeFollowsEachEstimator()
        {
            var pipeline = _ml.Transforms.Concatenate("Features", "A", "B", "V")
                .Append(_ml.Transforms.NormalizeMinMax("Features"))
                .Append(_ml.Transforms.Conversion.ConvertType("Doubles", "Features", DataKind.Double))
                .Append(_ml.Transforms.DropColumns("A", "B"));
            var shape = pipeline.GetOutputSchema(ShapeOfReading());

            Assert.False(shape.TryFindColumn("A", out _));
            Assert.True(shape.TryFindColumn("Features", out var features));
            Assert.Equal(SchemaShape.Column.VectorKind.Vector, features.Kind);
            Assert.Equal(NumberDataViewType.Single, features.ItemType);
            Assert.True(shape.TryFindColumn("Doubles", out var doubles));
            Assert.Equal("Vector<Double>", doubles.GetTypeString());

            // The fitted model's schema agrees with the shape.
            var data = _ml.Data.LoadFromEnumerable(new[] { new Reading() });
            var schema = pipeline.Fit(data).GetOutputSchema(data.Schema);
            Assert.Equal(shape.Select(c => c.Name).OrderBy(n => n), schema.Where(c => !c.IsHidden).Select(c => c.Name).OrderBy(n => n));
            Assert.Equal(new VectorDataViewType(NumberDataViewType.Double, 5), schema["Doubles"].Type);
        }

        [Fact]
        public void AMissingInputColumnFailsFitBeforeAnyWork()
        {
            var data = _ml.Data.LoadFromEnumerable(new[] { new Reading() });
            var pipeline = _ml.Transforms.CopyColumns("C", "A").Append(_ml.Transforms.NormalizeMinMax("N", "Nope"));
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Fit(data));
            Assert.Contains("Could not find input column 'Nope'", error.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.GetOutputSchema(ShapeOfReading()));
        }

        public sealed class Scalar
        {
            public float V { get; set; }
        }

        [Fact]
        public void ATransformerAppliedToTheWrongSchemaSaysWhichColumn()
        {
            var model = _ml.Transforms.NormalizeMinMax("N", "V").Fit(_ml.Data.LoadFromEnumerable(new[] { new Reading() }));
            var other = _ml.Data.LoadFromEnumerable(new[] { new Scalar() });
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(other));
            Assert.Contains("'V'", error.Message);
        }
    }
}

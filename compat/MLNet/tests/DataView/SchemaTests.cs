using System;
using System.Linq;
using Microsoft.ML.Data;

namespace Microsoft.ML.Tests.DataView
{
    public class SchemaTests
    {
        [Fact]
        public void ALaterColumnOfTheSameNameHidesTheEarlierOne()
        {
            var builder = new DataViewSchema.Builder();
            builder.AddColumn("A", NumberDataViewType.Single);
            builder.AddColumn("B", TextDataViewType.Instance);
            builder.AddColumn("A", new VectorDataViewType(NumberDataViewType.Double, 3));
            var schema = builder.ToSchema();

            Assert.Equal(3, schema.Count);
            Assert.True(schema[0].IsHidden);
            Assert.False(schema[2].IsHidden);
            Assert.Equal(2, schema["A"].Index);
            Assert.Equal(new VectorDataViewType(NumberDataViewType.Double, 3), schema["A"].Type);
            Assert.Null(schema.GetColumnOrNull("C"));
            var missing = Assert.Throws<ArgumentOutOfRangeException>(() => schema["C"]);
            Assert.Contains("'C'", missing.Message);
        }

        [Fact]
        public void AnnotationsCarryTypedValues()
        {
            var annotations = new DataViewSchema.Annotations.Builder();
            annotations.AddPrimitiveValue("IsNormalized", BooleanDataViewType.Instance, true);
            Assert.Throws<ArgumentException>(() => annotations.AddPrimitiveValue("Bad", NumberDataViewType.Single, 1.0));
            var built = annotations.ToAnnotations();

            bool value = false;
            built.GetValue("IsNormalized", ref value);
            Assert.True(value);
            Assert.Throws<InvalidOperationException>(() => built.GetGetter<float>(built.Schema["IsNormalized"]));

            var schema = new DataViewSchema.Builder();
            schema.AddColumn("F", NumberDataViewType.Single, built);
            Assert.Equal("F: Single {IsNormalized}", schema.ToSchema()["F"].ToString());
        }

        [Fact]
        public void DetachedColumnsRebuildASchema()
        {
            var builder = new DataViewSchema.Builder();
            builder.AddColumn("A", NumberDataViewType.Int32);
            var first = builder.ToSchema();
            var again = new DataViewSchema.Builder();
            again.AddColumns(first.Select(c => new DataViewSchema.DetachedColumn(c)));
            again.AddColumn("B", BooleanDataViewType.Instance);
            var second = again.ToSchema();
            Assert.Equal(new[] { "A", "B" }, second.Select(c => c.Name));
            Assert.Equal(NumberDataViewType.Int32, second["A"].Type);
        }

        [Fact]
        public void TypesPrintAndCompareAsInMLNet()
        {
            Assert.Equal("Vector<Single, 1, 64>", new VectorDataViewType(NumberDataViewType.Single, 1, 64).ToString());
            Assert.Equal("Vector<Single, 3>", new VectorDataViewType(NumberDataViewType.Single, 3).ToString());
            Assert.Equal("Vector<Single>", new VectorDataViewType(NumberDataViewType.Single).ToString());
            Assert.Equal("Vector<Single, 1, *>", new VectorDataViewType(NumberDataViewType.Single, 1, 0).ToString());
            Assert.Equal(64, new VectorDataViewType(NumberDataViewType.Single, 1, 64).Size);
            Assert.NotEqual(new VectorDataViewType(NumberDataViewType.Single, 1, 64), new VectorDataViewType(NumberDataViewType.Single, 64));
            Assert.Equal(typeof(VBuffer<bool>), new VectorDataViewType(BooleanDataViewType.Instance, 1).RawType);
            Assert.Equal("Key<UInt32, 0-1>", new KeyDataViewType(typeof(uint), 2).ToString());
            Assert.Equal(new KeyDataViewType(typeof(uint), 2), new KeyDataViewType(typeof(uint), 2UL));
            Assert.Throws<ArgumentOutOfRangeException>(() => new KeyDataViewType(typeof(float), 2));
            Assert.Throws<ArgumentOutOfRangeException>(() => new KeyDataViewType(typeof(byte), 300));
            Assert.Throws<ArgumentOutOfRangeException>(() => new VectorDataViewType(NumberDataViewType.Single, -1));
        }
    }
}

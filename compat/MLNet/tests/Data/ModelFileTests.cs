using System;
using System.IO;
using System.Linq;
using Microsoft.ML.Data;
using Microsoft.ML.Tests.Support;

namespace Microsoft.ML.Tests.Data
{
    /// <summary>Model.Save and Model.Load: the same pipeline, types and outputs after a round trip through a file.</summary>
    public class ModelFileTests : IDisposable
    {
        private readonly MLContext _ml = new(seed: 1);
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"gml-model-{Guid.NewGuid():N}.zip");

        public void Dispose() => File.Delete(_path);

        private IDataView Data() => _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 20).Select(i => new Reading
        {
            A = i,
            B = i % 3,
            V = new float[] { i, -i, 2 * i },
            Name = (i * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture)
        }).ToArray());

        private IEstimator<ITransformer> Pipeline()
            => _ml.Transforms.Concatenate("Features", "A", "B")
                .Append(_ml.Transforms.NormalizeMeanVariance("Features"))
                .Append(_ml.Transforms.NormalizeMinMax("V"))
                .Append(_ml.Transforms.Conversion.ConvertType("Parsed", "Name", DataKind.Double))
                .Append(_ml.Transforms.CopyColumns("Copy", "Parsed"))
                .Append(_ml.Transforms.CustomMapping<SumInput, SumOutput>(SumMapping.Map, nameof(SumMapping)))
                .Append(_ml.Transforms.DropColumns("Name"))
                .Append(_ml.Transforms.SelectColumns("Features", "V", "Copy", "Sum"));

        [Fact]
        public void APipelineRoundTripsThroughAFile()
        {
            var model = Pipeline().Fit(Data());
            _ml.Model.Save(model, Data().Schema, _path);

            var context = new MLContext();
            context.ComponentCatalog.RegisterAssembly(typeof(SumMapping).Assembly);
            var loaded = context.Model.Load(_path, out var inputSchema);

            Assert.Equal(Data().Schema.Select(c => (c.Name, c.Type)), inputSchema.Select(c => (c.Name, c.Type)));
            var before = model.Transform(Data());
            var after = loaded.Transform(Data());
            Assert.Equal(before.Schema.Select(c => (c.Name, c.Type)), after.Schema.Select(c => (c.Name, c.Type)));
            Assert.Equal(Read.Vectors(before, "Features"), Read.Vectors(after, "Features"));
            Assert.Equal(Read.Vectors(before, "V"), Read.Vectors(after, "V"));
            Assert.Equal(Read.Column<double>(before, "Copy"), Read.Column<double>(after, "Copy"));
            Assert.Equal(Read.Column<float>(before, "Sum"), Read.Column<float>(after, "Sum"));
            Assert.IsType<TransformerChain<ITransformer>>(loaded);
        }

        private sealed class Unsaveable : ITransformer
        {
            public bool IsRowToRowMapper => true;
            public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;
            public IDataView Transform(IDataView input) => input;
            public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new InvalidOperationException();

            // What code outside ML.NET can do: ModelSaveContext has no public members to write with.
            void ICanSaveModel.Save(ModelSaveContext ctx)
            {
            }
        }

        [Fact]
        public void ATransformerThatWritesNothingCannotBeSaved()
        {
            var chain = Pipeline().Fit(Data()).Append(new Unsaveable());
            File.WriteAllText(_path, "untouched");
            var error = Assert.Throws<InvalidOperationException>(() => _ml.Model.Save(chain, Data().Schema, _path));
            Assert.Contains(nameof(Unsaveable), error.Message);
            Assert.Equal("untouched", File.ReadAllText(_path));
        }

        [Fact]
        public void AFileThatIsNotAModelIsReportedAsSuch()
        {
            File.WriteAllText(_path, "not a model");
            Assert.Throws<FormatException>(() => _ml.Model.Load(_path, out _));
        }

        [Fact]
        public void AModelSavedWithoutASchemaLoadsWithNone()
        {
            var model = _ml.Transforms.CopyColumns("C", "A").Fit(Data());
            using var stream = new MemoryStream();
            _ml.Model.Save(model, null!, stream);
            stream.Position = 0;
            var loaded = _ml.Model.Load(stream, out var schema);
            Assert.Null(schema);
            Assert.Equal(Read.Column<float>(Data(), "A"), Read.Column<float>(loaded.Transform(Data()), "C"));
        }
    }
}

using System;
using System.IO;
using Microsoft.ML.Data;
using Microsoft.ML.Tests.Support;

namespace Microsoft.ML.Tests.Data
{
    public class TextFileTests : IDisposable
    {
        private readonly MLContext _ml = new(seed: 1);
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"gml-text-{Guid.NewGuid():N}.csv");

        public sealed class Row
        {
            [LoadColumn(0)]
            public float Label { get; set; }

            [LoadColumn(1, 3)]
            public float[] Features { get; set; } = Array.Empty<float>();

            [LoadColumn(4), ColumnName("Tag")]
            public string Name { get; set; } = "";
        }

        public sealed class WithCount
        {
            [LoadColumn(0)]
            public int Count { get; set; }
        }

        public sealed class TwoColumns
        {
            [LoadColumn(0)]
            public float A { get; set; }

            [LoadColumn(1)]
            public int Count { get; set; }
        }

        public void Dispose() => File.Delete(_path);

        [Fact]
        public void OnlyTheColumnsDownstreamCursorsNeedAreParsed()
        {
            File.WriteAllText(_path, "1\tthree\n2\tfour\n");
            var view = _ml.Data.LoadFromTextFile<TwoColumns>(_path);
            var copied = _ml.Transforms.CopyColumns("C", "A").Fit(view).Transform(view);
            Assert.Equal(new float[] { 1, 2 }, Read.Column<float>(copied, "C"));
            Assert.Throws<FormatException>(() => Read.Column<int>(copied, "Count"));
        }

        [Fact]
        public void ColumnsComeFromLoadColumnRanges()
        {
            File.WriteAllText(_path, "label,a,b,c,name\n1,0.5,1.5,2.5,\"x, y\"\n0,,3,4,z\n");
            var view = _ml.Data.LoadFromTextFile<Row>(_path, ',', hasHeader: true, allowQuoting: true);
            Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), view.Schema["Features"].Type);
            Assert.Equal(new float[] { 1, 0 }, Read.Column<float>(view, "Label"));
            var features = Read.Vectors(view, "Features");
            Assert.Equal(new float[] { 0.5f, 1.5f, 2.5f }, features[0]);
            Assert.True(float.IsNaN(features[1][0]), "An empty float field reads as NaN, as in ML.NET.");
            Assert.Equal(new[] { "x, y", "z" }, Array.ConvertAll(Read.Column<ReadOnlyMemory<char>>(view, "Tag"), m => m.ToString()));
        }

        [Fact]
        public void TheFileIsReadWhenACursorMovesNotWhenLoaded()
        {
            File.WriteAllText(_path, "1\t0\t0\t0\ta\n");
            var view = _ml.Data.LoadFromTextFile<Row>(_path);
            File.WriteAllText(_path, "7\t0\t0\t0\ta\n8\t0\t0\t0\tb\n");
            Assert.Equal(new float[] { 7, 8 }, Read.Column<float>(view, "Label"));
        }

        [Fact]
        public void AMissingFileIsNamed()
        {
            var error = Assert.Throws<FileNotFoundException>(() => _ml.Data.LoadFromTextFile<Row>(_path + ".missing"));
            Assert.Contains(_path + ".missing", error.Message);
        }

        [Fact]
        public void ABadWholeNumberNamesFileLineAndColumn()
        {
            File.WriteAllText(_path, "3\nthree\n");
            var view = _ml.Data.LoadFromTextFile<WithCount>(_path);
            var error = Assert.Throws<FormatException>(() => Read.Column<int>(view, "Count"));
            Assert.Contains(_path, error.Message);
            Assert.Contains("line 2", error.Message);
            Assert.Contains("'Count'", error.Message);
        }

        [Fact]
        public void AMemberWithoutLoadColumnIsRefused()
        {
            File.WriteAllText(_path, "1\n");
            var error = Assert.Throws<InvalidOperationException>(() => _ml.Data.LoadFromTextFile<Reading>(_path));
            Assert.Contains("LoadColumn", error.Message);
        }
    }
}

using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Generative.ML.Transformers.Tests.Backends;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Transformers.Tests.Saving
{
    /// <summary>The graphs come back out of an ML.NET model zip by their ONNX graph names, byte for byte, one each.</summary>
    public class SavedGraphsTests : IDisposable
    {
        readonly string _path = Path.Combine(Path.GetTempPath(), $"gml-saved-graphs-{Guid.NewGuid():N}.zip");

        public void Dispose() => File.Delete(_path);

        sealed class Row
        {
            [ColumnName("x"), VectorType(3)]
            public float[] X { get; set; } = Array.Empty<float>();
        }

        [Fact]
        public void EachGraphOfASavedPipelineIsReadBackOnceByItsName()
        {
            var ml = new MLContext(1);
            var data = ml.Data.LoadFromEnumerable(new[] { new Row { X = new[] { 1f, 2f, 3f } } });
            var scorer = OnnxBackendTests.DoublingGraph("scorer", "s");
            var decoder = OnnxBackendTests.DoublingGraph("decoder", "d");
            // The scorer runs in two transforms, as it does for AnomalyScore and Reconstruct: ML.NET stores it twice.
            var pipeline = ml.Transforms.ApplyOnnxModel("s", "x", new MemoryStream(scorer))
                .Append(ml.Transforms.ApplyOnnxModel("d", "x", new MemoryStream(decoder)))
                .Append(ml.Transforms.ApplyOnnxModel("s", "x", new MemoryStream(scorer))).Fit(data);
            ml.Model.Save(pipeline, data.Schema, _path);

            var graphs = SavedGraphs.Read(_path);

            Assert.Equal(new[] { "decoder", "scorer" }, graphs.Keys.OrderBy(k => k));
            Assert.Equal(decoder, graphs["decoder"]);
            Assert.Equal(scorer, graphs["scorer"]);
        }

        [Fact]
        public void AStoredGraphThatIsNotOnnxIsRefusedNamingTheEntry()
        {
            using (var zip = ZipFile.Open(_path, ZipArchiveMode.Create)) {
                using var entry = new BinaryWriter(zip.CreateEntry("TransformerChain/Transform_000/OnnxModel").Open());
                entry.Write(3);
                entry.Write(new byte[] { 0xff, 0xff, 0xff });
            }
            var e = Assert.Throws<InvalidDataException>(() => SavedGraphs.Read(_path));
            Assert.Contains("Transform_000/OnnxModel", e.Message);
        }

        [Fact]
        public void AMissingFileIsNamed() =>
            Assert.Contains("nowhere.zip", Assert.Throws<FileNotFoundException>(() => SavedGraphs.Read("nowhere.zip")).Message);
    }
}

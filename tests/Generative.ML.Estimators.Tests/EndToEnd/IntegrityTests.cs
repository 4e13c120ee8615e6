using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Generative.ML.Graphs;
using Microsoft.ML;

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>
    /// The model card carries the SHA-256 of every graph as saved; LoadBatched checks them before anything in the file
    /// runs, so one changed byte in a graph's weights is refused by its entry instead of scoring without a word.
    /// </summary>
    public sealed class IntegrityTests : IDisposable
    {
        readonly string _dir = Directory.CreateTempSubdirectory("gml-integrity-").FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Fact]
        public void OneChangedByteInAGraphIsRefusedByLoadBatchedNamingTheEntry()
        {
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(Rows.Normal(300, 5));
            var options = Quick.Vae();
            options.Epochs = 3;
            using var model = ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(data);
            Assert.Equal(GraphDigest.Of(model.OnnxModel), model.ModelCard.GraphDigests[GraphContract.ScorerGraph]);
            Assert.Matches("^[0-9a-f]{64}$", model.ModelCard.GraphDigests[GraphContract.ScorerGraph]);
            var zip = Path.Combine(_dir, "model.zip");
            ml.Model.Save(model, data.Schema, zip);
            (ml.Model.LoadBatched(zip, out _) as IDisposable)?.Dispose();

            // One byte in the middle of the scorer's graph (its weights), the zip otherwise as saved.
            var tampered = Path.Combine(_dir, "tampered.zip");
            File.Copy(zip, tampered);
            string entryName;
            using (var archive = ZipFile.Open(tampered, ZipArchiveMode.Update)) {
                var entry = archive.Entries.First(e => e.Name == "OnnxModel");
                entryName = entry.FullName;
                byte[] bytes;
                using (var s = entry.Open()) {
                    using var m = new MemoryStream();
                    s.CopyTo(m);
                    bytes = m.ToArray();
                }
                var (start, length) = OnnxBytes.Field(bytes, 4, bytes.Length, 7)!.Value;
                bytes[start + length / 2] ^= 0x10;
                entry.Delete();
                using var rewritten = archive.CreateEntry(entryName).Open();
                rewritten.Write(bytes);
            }
            var e = Assert.Throws<ModelFileException>(() => ml.Model.LoadBatched(tampered, out _));
            Assert.Equal(tampered, e.Path);
            Assert.Equal(entryName, e.Part);
            Assert.Contains("SHA-256", e.Message);
            // ML.NET's own Load does not check (docs/security.md says so): the hash is for LoadBatched, gml and the service.
            (ml.Model.Load(tampered, out _) as IDisposable)?.Dispose();
        }

        [Fact]
        public void AGraphThatPointsAtExternalDataIsRefusedBeforeOnnxRuntimeOpensAnything()
        {
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(Rows.Normal(300, 5));
            var options = Quick.Vae();
            options.Epochs = 2;
            using var model = ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(data);
            var zip = Path.Combine(_dir, "external.zip");
            ml.Model.Save(model, data.Schema, zip);
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Update)) {
                var entry = archive.Entries.First(e => e.Name == "OnnxModel");
                var name = entry.FullName;
                byte[] bytes;
                using (var s = entry.Open()) {
                    using var m = new MemoryStream();
                    s.CopyTo(m);
                    bytes = m.ToArray();
                }
                var proto = Onnx.ModelProto.Parser.ParseFrom(bytes.AsSpan(4).ToArray());
                var weight = proto.Graph.Initializer.First(t => t.Dims.Count == 2);
                weight.RawData = Google.Protobuf.ByteString.Empty;
                weight.DataLocation = Onnx.TensorProto.Types.DataLocation.External;
                weight.ExternalData.Add(new Onnx.StringStringEntryProto { Key = "location", Value = "/etc/passwd" });
                var patched = Google.Protobuf.MessageExtensions.ToByteArray(proto);
                entry.Delete();
                using var rewritten = new BinaryWriter(archive.CreateEntry(name).Open());
                rewritten.Write(patched.Length);
                rewritten.Write(patched);
            }
            var e = Assert.Throws<ModelFileException>(() => ml.Model.LoadBatched(zip, out _));
            Assert.Contains("external data", e.Message);
        }

        [Fact]
        public void AFileThatIsNotAModelIsAModelFileExceptionAndAMissingOneIsNotFound()
        {
            var ml = new MLContext(seed: 1);
            var junk = Path.Combine(_dir, "junk.zip");
            File.WriteAllText(junk, "this is not a zip");
            var e = Assert.Throws<ModelFileException>(() => ml.Model.LoadBatched(junk, out _));
            Assert.StartsWith(junk + ":", e.Message);
            Assert.Throws<FileNotFoundException>(() => ml.Model.LoadBatched(Path.Combine(_dir, "missing.zip"), out _));
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace Generative.ML.Transformers
{
    /// <summary>
    /// The ONNX graphs inside a model zip that ML.NET's <c>Model.Save</c> wrote: every ONNX transform of the pipeline
    /// stores its graph there, so the zip needs no second copy of them. Each is found by its ONNX graph name
    /// (<see cref="Graphs.GraphContract.EncoderGraph"/>, ...), read from the protobuf without loading ONNX Runtime.
    /// </summary>
    internal static class SavedGraphs
    {
        /// <summary>Graph name to graph bytes, one each (a graph used by two transforms is stored twice by ML.NET).</summary>
        public static IReadOnlyDictionary<string, byte[]> Read(string modelZipPath)
        {
            var graphs = new Dictionary<string, byte[]>();
            foreach (var (entry, bytes) in ReadEntries(modelZipPath).OrderBy(e => e.Key, StringComparer.Ordinal)) {
                if (GraphName(bytes) is not string name) throw new InvalidDataException($"{modelZipPath}: {entry}/OnnxModel is not an ONNX model with a named graph.");
                graphs.TryAdd(name, bytes);
            }
            return graphs;
        }

        /// <summary>
        /// Every stored graph by the folder of the transform that holds it ("TransformerChain/Transform_001/Transform_000"):
        /// the same path as that transform's place in the loaded pipeline.
        /// </summary>
        internal static Dictionary<string, byte[]> ReadEntries(string modelZipPath)
        {
            if (!File.Exists(modelZipPath)) throw new FileNotFoundException($"{modelZipPath}: no such model file.", modelZipPath);
            using var zip = ZipFile.OpenRead(modelZipPath);
            var graphs = new Dictionary<string, byte[]>();
            // ML.NET's ONNX transform saves its graph as a binary stream named OnnxModel: an Int32 length, then the bytes.
            foreach (var entry in zip.Entries.Where(e => e.Name == "OnnxModel")) {
                using var stream = entry.Open();
                var header = new byte[4];
                if (stream.ReadAtLeast(header, 4, throwOnEndOfStream: false) < 4) throw new ModelFileException(modelZipPath, entry.FullName, "it is cut short");
                var length = BitConverter.ToInt32(header);
                if (length <= 0) throw new ModelFileException(modelZipPath, entry.FullName, $"it declares a graph of {length} bytes");
                // Read as far as the bytes go, never trusting the declared length with an allocation of its size.
                using var bytes = new MemoryStream();
                var buffer = new byte[81920];
                for (int read; bytes.Length < length && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, length - bytes.Length))) > 0;) bytes.Write(buffer, 0, read);
                if (bytes.Length != length) throw new ModelFileException(modelZipPath, entry.FullName, $"it declares {length} bytes of graph and holds {bytes.Length}");
                graphs[entry.FullName[..^"/OnnxModel".Length]] = bytes.ToArray();
            }
            return graphs;
        }

        /// <summary>
        /// Checks every graph whose model card carries the hashes of the graphs as they were saved
        /// (<see cref="ModelCard.GraphDigests"/>): a graph changed since, by a bad disk or by hand, is refused by its entry.
        /// Graphs without a card, or a card without hashes (exported before hashes were kept), are not checked.
        /// </summary>
        internal static void Verify(string modelZipPath, IReadOnlyDictionary<string, byte[]> entries)
        {
            foreach (var (entry, bytes) in entries) {
                var name = GraphName(bytes) ?? throw new ModelFileException(modelZipPath, entry + "/OnnxModel", "it is not an ONNX model with a named graph");
                IReadOnlyDictionary<string, string> metadata;
                try {
                    metadata = GraphPatch.Metadata(bytes);
                    // Values kept in a file beside the graph would have ONNX Runtime open a path the file names: never written here, refused.
                    if (GraphPatch.ExternalData(bytes) is string external)
                        throw new ModelFileException(modelZipPath, entry + "/OnnxModel", $"the {name} graph's initializer '{external}' points at external data (a file outside the model), which this library never writes");
                } catch (InvalidDataException e) {
                    throw new ModelFileException(modelZipPath, entry + "/OnnxModel", e.Message, e);
                }
                if (ModelCard.FromJson(metadata.GetValueOrDefault(GraphPatch.ModelCardKey)) is not { } card || !card.GraphDigests.TryGetValue(name, out var expected)) continue;
                if (Graphs.GraphDigest.Of(bytes) != expected)
                    throw new ModelFileException(modelZipPath, entry + "/OnnxModel",
                        $"the {name} graph's bytes do not match the SHA-256 its model card holds (the file changed after it was saved)");
            }
        }

        /// <summary>The graph's name (GraphProto field 2 of ModelProto field 7); null where either is missing.</summary>
        internal static string? GraphName(byte[] model) => Graphs.OnnxBytes.GraphName(model);
    }
}

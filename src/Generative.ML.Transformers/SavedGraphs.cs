using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

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
                string? name;
                try {
                    name = GraphName(bytes);
                } catch (InvalidDataException) {
                    name = null;
                }
                if (name is null) throw new InvalidDataException($"{modelZipPath}: {entry}/OnnxModel is not an ONNX model with a named graph.");
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
                using var reader = new BinaryReader(stream);
                var length = reader.ReadInt32();
                var bytes = reader.ReadBytes(length);
                if (bytes.Length != length) throw new InvalidDataException($"{modelZipPath}: {entry.FullName} is cut short.");
                graphs[entry.FullName[..^"/OnnxModel".Length]] = bytes;
            }
            return graphs;
        }

        /// <summary>ModelProto field 7 (graph), then GraphProto field 2 (name); null where either is missing.</summary>
        internal static string? GraphName(byte[] model)
        {
            var graph = Field(model, 0, model.Length, 7);
            if (graph is not var (start, length)) return null;
            return Field(model, start, start + length, 2) is var (nameStart, nameLength) ? Encoding.UTF8.GetString(model, nameStart, nameLength) : null;
        }

        /// <summary>The first length-delimited field <paramref name="number"/> of the message in [start, end).</summary>
        static (int Start, int Length)? Field(byte[] bytes, int start, int end, int number)
        {
            var i = start;
            while (i < end) {
                var tag = Varint(bytes, ref i, end);
                var (field, wire) = ((int)(tag >> 3), (int)(tag & 7));
                switch (wire) {
                    case 0: Varint(bytes, ref i, end); break;
                    case 1: i += 8; break;
                    case 5: i += 4; break;
                    case 2:
                        var length = (int)Varint(bytes, ref i, end);
                        if (length < 0 || i + length > end) return null;
                        if (field == number) return (i, length);
                        i += length;
                        break;
                    default: return null;
                }
            }
            return null;
        }

        static ulong Varint(byte[] bytes, ref int i, int end)
        {
            ulong value = 0;
            for (var shift = 0; i < end && shift < 64; shift += 7) {
                var b = bytes[i++];
                value |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80) return value;
            }
            throw new InvalidDataException("A protobuf varint runs past its message.");
        }
    }
}

using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace Generative.ML.Graphs
{
    /// <summary>
    /// The integrity hash of an ONNX graph: SHA-256 of the bytes of the model's <c>graph</c> field (ModelProto field 7:
    /// nodes, weights, inputs and outputs), leaving out the metadata, where the model card that carries the hashes lives.
    /// Read from the protobuf's bytes as they are, so a changed byte anywhere in the graph gives another hash.
    /// </summary>
    internal static class GraphDigest
    {
        /// <summary>The graph field's SHA-256 in lower-case hex; null where the bytes hold no graph field.</summary>
        public static string? Of(byte[] model)
        {
            if (OnnxBytes.Field(model, 0, model.Length, 7) is not var (start, length)) return null;
            return Convert.ToHexStringLower(SHA256.HashData(model.AsSpan(start, length)));
        }
    }

    /// <summary>Length-delimited fields of a protobuf message, read without a protobuf library (and without trusting its lengths).</summary>
    internal static class OnnxBytes
    {
        /// <summary>ModelProto field 7 (graph), then GraphProto field 2 (name); null where either is missing.</summary>
        public static string? GraphName(byte[] model)
        {
            var graph = Field(model, 0, model.Length, 7);
            if (graph is not var (start, length)) return null;
            return Field(model, start, start + length, 2) is var (nameStart, nameLength) ? Encoding.UTF8.GetString(model, nameStart, nameLength) : null;
        }

        /// <summary>The first length-delimited field <paramref name="number"/> of the message in [start, end); null where there is none or the message is broken.</summary>
        public static (int Start, int Length)? Field(byte[] bytes, int start, int end, int number)
        {
            var i = start;
            while (i < end) {
                if (Varint(bytes, ref i, end) is not ulong tag) return null;
                var (field, wire) = ((int)(tag >> 3), (int)(tag & 7));
                switch (wire) {
                    case 0:
                        if (Varint(bytes, ref i, end) is null) return null;
                        break;
                    case 1: i += 8; break;
                    case 5: i += 4; break;
                    case 2:
                        if (Varint(bytes, ref i, end) is not ulong length || length > (ulong)(end - i)) return null;
                        if (field == number) return (i, (int)length);
                        i += (int)length;
                        break;
                    default: return null;
                }
            }
            return null;
        }

        static ulong? Varint(byte[] bytes, ref int i, int end)
        {
            ulong value = 0;
            for (var shift = 0; i < end && shift < 64; shift += 7) {
                var b = bytes[i++];
                value |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80) return value;
            }
            return null;
        }
    }
}

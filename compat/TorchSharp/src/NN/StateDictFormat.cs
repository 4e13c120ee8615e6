using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace TorchSharp
{
    /// <summary>
    /// The stand-in's file format for module weights: a magic string, then per entry its name, dtype, shape and raw
    /// little-endian bytes. (Not TorchSharp's own format: files do not move between the two.)
    /// </summary>
    internal static class StateDictFormat
    {
        const string Magic = "GML-STATE-DICT-1";

        internal static int ElementSize(ScalarType t) => t switch {
            ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
            ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
            ScalarType.Int32 or ScalarType.Float32 => 4,
            ScalarType.Int64 or ScalarType.Float64 or ScalarType.ComplexFloat32 => 8,
            ScalarType.ComplexFloat64 => 16,
            _ => throw new NotSupportedException($"Unknown dtype {t}."),
        };

        internal static unsafe void Write(BinaryWriter writer, IEnumerable<KeyValuePair<string, torch.Tensor>> entries)
        {
            var list = new List<KeyValuePair<string, torch.Tensor>>(entries);
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(list.Count);
            foreach (var (name, tensor) in list) {
                writer.Write(name);
                writer.Write((int)tensor.dtype);
                var shape = tensor.shape;
                writer.Write(shape.Length);
                foreach (var d in shape) writer.Write(d);
                using var c = tensor.contiguous();
                var bytes = checked((int)(c.NumberOfElements * ElementSize(c.dtype)));
                writer.Write(new ReadOnlySpan<byte>((void*)c.DataPointer(), bytes));
            }
        }

        internal static unsafe Dictionary<string, torch.Tensor> Read(BinaryReader reader)
        {
            var magic = Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length));
            if (magic != Magic) throw new InvalidDataException("Not a saved module: the file does not start with the stand-in's state-dict header.");
            var count = reader.ReadInt32();
            if (count < 0) throw new InvalidDataException($"Corrupt saved module: negative entry count {count}.");
            var result = new Dictionary<string, torch.Tensor>();
            try {
                for (var i = 0; i < count; i++) {
                    var name = reader.ReadString();
                    var dtype = (ScalarType)reader.ReadInt32();
                    var rank = reader.ReadInt32();
                    if (rank < 0 || rank > 16) throw new InvalidDataException($"Corrupt saved module: entry '{name}' has rank {rank}.");
                    var shape = new long[rank];
                    long numel = 1;
                    for (var d = 0; d < rank; d++) {
                        shape[d] = reader.ReadInt64();
                        if (shape[d] < 0) throw new InvalidDataException($"Corrupt saved module: entry '{name}' has a negative dimension.");
                        numel *= shape[d];
                    }
                    var bytes = reader.ReadBytes(checked((int)(numel * ElementSize(dtype))));
                    if (bytes.Length != numel * ElementSize(dtype)) throw new EndOfStreamException($"Saved module is truncated inside entry '{name}'.");
                    var t = torch.empty(shape, dtype);
                    bytes.AsSpan().CopyTo(new Span<byte>((void*)t.DataPointer(), bytes.Length));
                    result[name] = t.DetachFromDisposeScope();
                }
            } catch {
                foreach (var t in result.Values) t.Dispose();
                throw;
            }
            return result;
        }
    }
}

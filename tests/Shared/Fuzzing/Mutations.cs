using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using CsCheck;

namespace Generative.ML.Fuzzing
{
    /// <summary>One change to a byte string; <see cref="Apply"/> makes the mutated copy and <see cref="ToString"/> names it.</summary>
    public abstract record Mutation
    {
        /// <summary>The mutated copy of <paramref name="bytes"/> (positions are taken modulo its length, so any draw applies).</summary>
        public abstract byte[] Apply(byte[] bytes);

        static int At(int position, byte[] bytes) => bytes.Length == 0 ? 0 : (int)((uint)position % (uint)bytes.Length);

        /// <summary>One bit flipped.</summary>
        public sealed record FlipBit(int Position, int Bit) : Mutation
        {
            public override byte[] Apply(byte[] bytes)
            {
                var copy = (byte[])bytes.Clone();
                if (copy.Length > 0) copy[At(Position, copy)] ^= (byte)(1 << (Bit & 7));
                return copy;
            }
        }

        /// <summary>One byte set: to NUL, 0xFF, an invalid UTF-8 lead byte, a quote, a comma, a newline or any value.</summary>
        public sealed record SetByte(int Position, byte Value) : Mutation
        {
            public override byte[] Apply(byte[] bytes)
            {
                var copy = (byte[])bytes.Clone();
                if (copy.Length > 0) copy[At(Position, copy)] = Value;
                return copy;
            }
        }

        /// <summary>Cut short at a fraction of the length.</summary>
        public sealed record Truncate(int Position) : Mutation
        {
            public override byte[] Apply(byte[] bytes) => bytes[..At(Position, bytes)];
        }

        /// <summary>A stretch removed.</summary>
        public sealed record Remove(int Position, int Length) : Mutation
        {
            public override byte[] Apply(byte[] bytes)
            {
                var start = At(Position, bytes);
                var end = Math.Min(bytes.Length, start + Length);
                return bytes[..start].Concat(bytes[end..]).ToArray();
            }
        }

        /// <summary>A stretch copied to another place (repeated fields, repeated entries, repeated rows).</summary>
        public sealed record Duplicate(int Position, int Length, int To) : Mutation
        {
            public override byte[] Apply(byte[] bytes)
            {
                var start = At(Position, bytes);
                var piece = bytes[start..Math.Min(bytes.Length, start + Length)];
                var to = At(To, bytes);
                return bytes[..to].Concat(piece).Concat(bytes[to..]).ToArray();
            }
        }

        /// <summary>Four bytes set to a size that is huge, negative or zero (declared lengths, counts, dimensions).</summary>
        public sealed record HugeSize(int Position, int Value) : Mutation
        {
            public override byte[] Apply(byte[] bytes)
            {
                var copy = (byte[])bytes.Clone();
                var at = At(Position, copy);
                BitConverter.GetBytes(Value).AsSpan(0, Math.Min(4, copy.Length - at)).CopyTo(copy.AsSpan(at));
                return copy;
            }
        }

        /// <summary>Bytes inserted: a run of one byte (a 1 MB field, say), deep nesting, or a text written into the middle.</summary>
        public sealed record Insert(int Position, string Kind, int Count) : Mutation
        {
            public override byte[] Apply(byte[] bytes)
            {
                var piece = Kind switch {
                    "nest" => Encoding.ASCII.GetBytes(new string('[', Count) + new string(']', Count)),
                    "open" => Encoding.ASCII.GetBytes(new string('{', Count)),
                    "quote" => Encoding.ASCII.GetBytes("\"" + new string('x', Count)),
                    "nul" => new byte[Count],
                    "utf8" => Enumerable.Repeat(new byte[] { 0xC3, 0x28, 0xFF, 0xFE }, Count / 4 + 1).SelectMany(b => b).ToArray(),
                    "number" => Encoding.ASCII.GetBytes(",1e39,-0,NaN,1" + new string('9', Count) + ","),
                    _ => Enumerable.Repeat((byte)'a', Count).ToArray(),
                };
                var at = At(Position, bytes);
                return bytes[..at].Concat(piece).Concat(bytes[at..]).ToArray();
            }
        }

        /// <summary>The mutations of a byte string, drawn by CsCheck: each kind as often as the others, sizes from one byte to a megabyte.</summary>
        public static readonly Gen<Mutation> Gen = CsCheck.Gen.OneOf<Mutation>(
            CsCheck.Gen.Select(CsCheck.Gen.Int.Positive, CsCheck.Gen.Int[0, 7], (p, b) => (Mutation)new FlipBit(p, b)),
            CsCheck.Gen.Select(CsCheck.Gen.Int.Positive, CsCheck.Gen.OneOf<byte>(0, 0xFF, 0xC3, 0x80, (byte)'"', (byte)',', (byte)'\n', (byte)'{', (byte)'-'),
                               (p, v) => (Mutation)new SetByte(p, v)),
            CsCheck.Gen.Int.Positive.Select(p => (Mutation)new Truncate(p)),
            CsCheck.Gen.Select(CsCheck.Gen.Int.Positive, CsCheck.Gen.Int[1, 4096], (p, l) => (Mutation)new Remove(p, l)),
            CsCheck.Gen.Select(CsCheck.Gen.Int.Positive, CsCheck.Gen.Int[1, 4096], CsCheck.Gen.Int.Positive, (p, l, t) => (Mutation)new Duplicate(p, l, t)),
            CsCheck.Gen.Select(CsCheck.Gen.Int.Positive, CsCheck.Gen.OneOf(int.MaxValue, int.MinValue, -1, 0, 0x7FFFFFF0, 1 << 30, 65536),
                               (p, v) => (Mutation)new HugeSize(p, v)),
            CsCheck.Gen.Select(CsCheck.Gen.Int.Positive, CsCheck.Gen.OneOf("nest", "open", "quote", "nul", "utf8", "number", "run"),
                               CsCheck.Gen.OneOf(1, 16, 1000, 100_000, 1 << 20), (p, k, c) => (Mutation)new Insert(p, k, c)));
    }

    /// <summary>
    /// A zip (a model file) changed as an attacker or a bad disk would: an entry's bytes mutated and the zip written again
    /// (so the change reaches the reader of that entry, past the zip's checksums), an entry removed, duplicated or emptied,
    /// or the zip's own bytes mutated.
    /// </summary>
    public abstract record ZipMutation
    {
        public abstract byte[] Apply(byte[] zip);

        /// <summary>Entry <see cref="Entry"/> (modulo the count) with its bytes mutated; <see cref="Name"/> limits it to entries ending so.</summary>
        public sealed record InEntry(int Entry, Mutation Mutation, string? Name = null) : ZipMutation
        {
            public override byte[] Apply(byte[] zip) => Rewrite(zip, Name, Entry, (name, bytes) => new[] { (name, Mutation.Apply(bytes)) });
        }

        /// <summary>An entry left out.</summary>
        public sealed record RemoveEntry(int Entry) : ZipMutation
        {
            public override byte[] Apply(byte[] zip) => Rewrite(zip, null, Entry, (_, _) => Array.Empty<(string, byte[])>());
        }

        /// <summary>An entry written twice under its name.</summary>
        public sealed record DuplicateEntry(int Entry) : ZipMutation
        {
            public override byte[] Apply(byte[] zip) => Rewrite(zip, null, Entry, (name, bytes) => new[] { (name, bytes), (name, bytes) });
        }

        /// <summary>The zip's own bytes mutated (headers, central directory, compressed data).</summary>
        public sealed record Raw(Mutation Mutation) : ZipMutation
        {
            public override byte[] Apply(byte[] zip) => Mutation.Apply(zip);
        }

        static byte[] Rewrite(byte[] zip, string? nameEnd, int pick, Func<string, byte[], IEnumerable<(string Name, byte[] Bytes)>> change)
        {
            var entries = new List<(string Name, byte[] Bytes)>();
            using (var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
                foreach (var e in archive.Entries) {
                    using var s = e.Open();
                    using var m = new MemoryStream();
                    s.CopyTo(m);
                    entries.Add((e.FullName, m.ToArray()));
                }
            var candidates = entries.Select((e, i) => (e, i)).Where(x => nameEnd is null || x.e.Name.EndsWith(nameEnd, StringComparison.Ordinal)).Select(x => x.i).ToArray();
            var chosen = candidates.Length == 0 ? -1 : candidates[(int)((uint)pick % (uint)candidates.Length)];
            var output = new MemoryStream();
            using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
                for (var i = 0; i < entries.Count; i++)
                    foreach (var (name, bytes) in i == chosen ? change(entries[i].Name, entries[i].Bytes) : new[] { entries[i] }) {
                        using var s = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
                        s.Write(bytes);
                    }
            return output.ToArray();
        }

        /// <summary>Zip mutations drawn by CsCheck; <paramref name="focus"/> (an entry name's end) gets half the entry mutations.</summary>
        public static Gen<ZipMutation> Gen(string? focus = null) => CsCheck.Gen.Frequency<ZipMutation>(
            (4, CsCheck.Gen.Select(CsCheck.Gen.Int.Positive, Mutation.Gen, (e, m) => (ZipMutation)new InEntry(e, m))),
            (focus is null ? 1 : 4, CsCheck.Gen.Select(CsCheck.Gen.Int.Positive, Mutation.Gen, (e, m) => (ZipMutation)new InEntry(e, m, focus))),
            (1, CsCheck.Gen.Int.Positive.Select(e => (ZipMutation)new RemoveEntry(e))),
            (1, CsCheck.Gen.Int.Positive.Select(e => (ZipMutation)new DuplicateEntry(e))),
            (2, Mutation.Gen.Select(m => (ZipMutation)new Raw(m))));
    }
}

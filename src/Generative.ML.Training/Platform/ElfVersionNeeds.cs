using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Generative.ML.Training.Platform
{
    /// <summary>
    /// The symbol-version needs of a 64-bit little-endian ELF shared library (its .gnu.version_r section), and the one
    /// edit we make to them: marking a need weak (VER_FLG_WEAK), so that the loader accepts a library that lacks that
    /// version. Sound only where nothing binds to a symbol of that version, which the caller checks by loading the result.
    /// </summary>
    internal static class ElfVersionNeeds
    {
        const uint VerNeedSection = 0x6ffffffe; // SHT_GNU_verneed
        const ushort Weak = 0x2;                // VER_FLG_WEAK

        /// <summary>The version needs, as (library, version, flags offset in the file, weak).</summary>
        public static List<(string Library, string Version, long FlagsOffset, bool Weak)> Read(byte[] elf)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException("Not an ELF file.");
            if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("Not a 64-bit little-endian ELF file.");
            var span = elf.AsSpan();
            var sectionsAt = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]));
            var sectionSize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
            var sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);
            var needs = new List<(string, string, long, bool)>();
            for (var i = 0; i < sectionCount; i++) {
                var header = span.Slice(sectionsAt + i * sectionSize, sectionSize);
                if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != VerNeedSection) continue;
                var offset = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header[0x18..]));
                var entries = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x2C..]); // sh_info: the number of entries
                var strings = span.Slice(sectionsAt + (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]) * sectionSize, sectionSize); // sh_link
                var stringsAt = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(strings[0x18..]));
                string Name(uint at)
                {
                    var start = stringsAt + (int)at;
                    var end = Array.IndexOf(elf, (byte)0, start);
                    return Encoding.ASCII.GetString(elf, start, end - start);
                }
                var need = offset;
                for (var n = 0; n < entries; n++) {
                    var count = BinaryPrimitives.ReadUInt16LittleEndian(span[(need + 2)..]);
                    var library = Name(BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 4)..]));
                    var aux = need + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 8)..]);
                    for (var a = 0; a < count; a++) {
                        var flags = BinaryPrimitives.ReadUInt16LittleEndian(span[(aux + 4)..]);
                        needs.Add((library, Name(BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 8)..])), aux + 4, (flags & Weak) != 0));
                        aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 12)..]);
                    }
                    need += (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 12)..]);
                }
            }
            return needs;
        }

        /// <summary>Marks the need for <paramref name="version"/> weak; false when the file has no such (strong) need.</summary>
        public static bool Weaken(byte[] elf, string version)
        {
            var changed = false;
            foreach (var need in Read(elf)) {
                if (need.Version != version || need.Weak) continue;
                var at = (int)need.FlagsOffset;
                BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(at), (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(at)) | Weak));
                changed = true;
            }
            return changed;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;

namespace Generative.ML.Transformers
{
    /// <summary>
    /// The SHA-256 of every entry of a model zip, in one more entry beside them. ML.NET reads its own entries trusting the
    /// sizes they declare (a damaged count makes it allocate gigabytes before it fails); a zip that carries this manifest
    /// has every entry checked, by hash, before ML.NET reads any of it. gml writes it into every model it saves.
    /// </summary>
    internal static class ModelManifest
    {
        public const string EntryName = "Generative.ML/entries.sha256.json";

        /// <summary>Past this many bytes read for hashing (a zip bomb, or a file far larger than a model), the file is refused.</summary>
        const long MaxBytes = 4L << 30;

        /// <summary>Adds the manifest to the zip at <paramref name="zipPath"/> (a file still being written, not yet renamed into place).</summary>
        public static void Write(string zipPath)
        {
            using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
            var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries.Where(e => e.FullName != EntryName)) {
                using var stream = entry.Open();
                hashes[entry.FullName] = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
            zip.GetEntry(EntryName)?.Delete();
            using var manifest = zip.CreateEntry(EntryName).Open();
            JsonSerializer.Serialize(manifest, hashes);
        }

        /// <summary>
        /// Checks every entry against the manifest, where the zip has one: an entry changed, missing or added since it was
        /// written is refused by name. A zip without a manifest (saved by mlContext.Model.Save) is left to the other checks.
        /// </summary>
        public static void Verify(string zipPath)
        {
            using var zip = ZipFile.OpenRead(zipPath);
            var manifestEntries = zip.Entries.Where(e => e.FullName == EntryName).ToArray();
            if (manifestEntries.Length == 0) return;
            if (manifestEntries.Length > 1 || manifestEntries[0].Length > 1 << 20) throw new ModelFileException(zipPath, EntryName, "the manifest is not one small entry");
            Dictionary<string, string> expected;
            try {
                using var stream = manifestEntries[0].Open();
                expected = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? throw new JsonException("empty");
            } catch (JsonException e) {
                throw new ModelFileException(zipPath, EntryName, $"the manifest cannot be read ({e.Message})", e);
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries.Where(e => e.FullName != EntryName)) {
                if (!seen.Add(entry.FullName)) throw new ModelFileException(zipPath, entry.FullName, "the entry is there twice");
                if (!expected.TryGetValue(entry.FullName, out var hash)) throw new ModelFileException(zipPath, entry.FullName, "the entry is not in the manifest (added after the file was saved)");
                using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                using (var stream = entry.Open())
                    for (int n; (n = stream.Read(buffer)) > 0;) {
                        if ((total += n) > MaxBytes) throw new ModelFileException(zipPath, entry.FullName, $"the entries hold more than {MaxBytes >> 30} GB");
                        hasher.AppendData(buffer, 0, n);
                    }
                if (Convert.ToHexStringLower(hasher.GetHashAndReset()) != hash)
                    throw new ModelFileException(zipPath, entry.FullName, "the entry does not match the SHA-256 in the manifest (the file changed after it was saved)");
            }
            if (expected.Keys.FirstOrDefault(k => !seen.Contains(k)) is string missing) throw new ModelFileException(zipPath, missing, "the entry is missing");
        }
    }
}

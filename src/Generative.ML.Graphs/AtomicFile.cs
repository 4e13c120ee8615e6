using System;
using System.IO;

namespace Generative.ML.Graphs
{
    /// <summary>
    /// Every file the library and gml write is written whole or not at all: under a temporary name beside it (hidden, in
    /// the same folder, so the rename cannot cross file systems), flushed to the disk, then renamed over the final name.
    /// A process killed half-way leaves the old file as it was (and a hidden temporary file); a reader never sees a
    /// truncated file under the final name.
    /// </summary>
    internal static class AtomicFile
    {
        /// <summary>A file being written: write to <see cref="Stream"/> (or to <see cref="TemporaryPath"/>), then <see cref="Commit"/>; disposing it uncommitted removes it.</summary>
        public sealed class Pending : IDisposable
        {
            readonly string _path;
            FileStream? _stream;
            bool _done;

            internal Pending(string path)
            {
                _path = Path.GetFullPath(path);
                var folder = Path.GetDirectoryName(_path)!;
                if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{path}: the folder {folder} does not exist.");
                // The extension is kept last: writers that choose a format by it (PNG, CSV) choose the right one.
                TemporaryPath = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(_path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial{Path.GetExtension(_path)}");
            }

            /// <summary>The temporary file, for writers that take a path.</summary>
            public string TemporaryPath { get; }

            /// <summary>The temporary file as a stream (opened on first use).</summary>
            public Stream Stream => _stream ??= new FileStream(TemporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

            /// <summary>Flushes the temporary file to the disk and renames it over the final name.</summary>
            public void Commit()
            {
                if (_done) throw new InvalidOperationException($"{_path} was committed or abandoned already.");
                if (_stream is not null) {
                    _stream.Flush(flushToDisk: true);
                    _stream.Dispose();
                } else {
                    using var written = new FileStream(TemporaryPath, FileMode.Open, FileAccess.ReadWrite);
                    written.Flush(flushToDisk: true);
                }
                File.Move(TemporaryPath, _path, overwrite: true);
                _done = true;
            }

            /// <summary>Removes the temporary file unless it was committed.</summary>
            public void Dispose()
            {
                if (_done) return;
                _done = true;
                _stream?.Dispose();
                try {
                    File.Delete(TemporaryPath);
                } catch (IOException) {
                } catch (UnauthorizedAccessException) {
                }
            }
        }

        /// <summary>Starts writing <paramref name="path"/>.</summary>
        public static Pending Begin(string path) => new(path);

        /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, whole or not at all.</summary>
        public static void Write(string path, Action<Stream> write)
        {
            using var pending = Begin(path);
            write(pending.Stream);
            pending.Commit();
        }

        /// <summary>Writes <paramref name="path"/> through a writer that takes a path, whole or not at all.</summary>
        public static void WriteVia(string path, Action<string> write)
        {
            using var pending = Begin(path);
            write(pending.TemporaryPath);
            pending.Commit();
        }

        public static void WriteAllBytes(string path, byte[] bytes) => Write(path, s => s.Write(bytes));
    }
}

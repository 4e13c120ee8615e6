using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Generative.ML.Demo
{
    /// <summary>A minimal PNG writer (8-bit RGB, zlib-compressed scanlines) and a canvas to draw plots on.</summary>
    internal sealed class Canvas
    {
        public readonly int Width, Height;
        readonly byte[] _rgb;

        public Canvas(int width, int height, byte gray = 255)
        {
            (Width, Height) = (width, height);
            _rgb = new byte[width * height * 3];
            Array.Fill(_rgb, gray);
        }

        public void Set(int x, int y, (byte r, byte g, byte b) c)
        {
            if (x < 0 || y < 0 || x >= Width || y >= Height) return;
            var i = (y * Width + x) * 3;
            (_rgb[i], _rgb[i + 1], _rgb[i + 2]) = c;
        }

        public void Line(int x0, int y0, int x1, int y1, (byte, byte, byte) c)
        {
            int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, err = dx + dy;
            while (true) {
                Set(x0, y0, c);
                Set(x0, y0 + 1, c);
                if (x0 == x1 && y0 == y1) return;
                var e2 = 2 * err;
                if (e2 >= dy) { err += dy; x0 += sx; }
                if (e2 <= dx) { err += dx; y0 += sy; }
            }
        }

        public void Fill(int x, int y, int w, int h, (byte, byte, byte) c)
        {
            for (var j = y; j < y + h; j++)
                for (var i = x; i < x + w; i++) Set(i, j, c);
        }

        public void Save(string path)
        {
            using var file = File.Create(path);
            file.Write(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 });
            var header = new byte[13];
            BinaryPrimitives.WriteInt32BigEndian(header, Width);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
            header[8] = 8; // bit depth
            header[9] = 2; // RGB
            Chunk(file, "IHDR", header);
            using var raw = new MemoryStream();
            using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
                for (var y = 0; y < Height; y++) {
                    z.WriteByte(0); // no filter
                    z.Write(_rgb, y * Width * 3, Width * 3);
                }
            Chunk(file, "IDAT", raw.ToArray());
            Chunk(file, "IEND", Array.Empty<byte>());
        }

        static void Chunk(Stream s, string type, byte[] data)
        {
            Span<byte> len = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
            s.Write(len);
            var typeBytes = Encoding.ASCII.GetBytes(type);
            s.Write(typeBytes);
            s.Write(data);
            var crc = Crc(typeBytes, data);
            BinaryPrimitives.WriteUInt32BigEndian(len, crc);
            s.Write(len);
        }

        static uint Crc(byte[] a, byte[] b)
        {
            var c = 0xFFFFFFFFu;
            foreach (var part in new[] { a, b })
                foreach (var x in part) {
                    c ^= x;
                    for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }
            return c ^ 0xFFFFFFFFu;
        }
    }
}

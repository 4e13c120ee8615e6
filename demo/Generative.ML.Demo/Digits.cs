using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Microsoft.ML.Data;

namespace Generative.ML.Demo
{
    /// <summary>An 8x8 digit as the pipeline sees it: 64 pixels scaled to [0, 1], its class, and a Single label for evaluation.</summary>
    public sealed class Digit
    {
        public const int Side = 8, Pixels = Side * Side;

        [VectorType(Pixels)]
        public float[] Features { get; set; } = Array.Empty<float>();

        public int Class { get; set; }

        /// <summary>1 for the class held out of training (the anomalies), 0 otherwise.</summary>
        public float Label { get; set; }
    }

    /// <summary>The embedded data set: UCI's optdigits test part, 1,797 images (see Data/README.md for source and licence).</summary>
    public static class Digits
    {
        public static IReadOnlyList<Digit> Load(int anomalyClass)
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv.gz");
            using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
            var digits = new List<Digit>();
            for (var line = reader.ReadLine(); line != null; line = reader.ReadLine()) {
                var values = line.Split(',').Select(float.Parse).ToArray();
                if (values.Length != Digit.Pixels + 1) throw new InvalidDataException($"{path}, line {digits.Count + 1}: {values.Length} values, expected {Digit.Pixels + 1}.");
                var cls = (int)values[^1];
                digits.Add(new Digit { Features = values[..Digit.Pixels].Select(v => v / 16f).ToArray(), Class = cls, Label = cls == anomalyClass ? 1 : 0 });
            }
            return digits;
        }
    }
}

using System;
using System.IO;

namespace Microsoft.ML.Transforms.Onnx
{
    /// <summary>Reads the model bytes once; the transformer keeps them so a saved model carries its graph.</summary>
    internal static class OnnxModelSource
    {
        public static byte[] FromFile(string modelFile)
        {
            if (string.IsNullOrEmpty(modelFile))
                throw new ArgumentNullException(nameof(modelFile));
            if (!File.Exists(modelFile))
                throw new FileNotFoundException($"ONNX model file '{modelFile}' does not exist.", modelFile);
            return File.ReadAllBytes(modelFile);
        }

        public static byte[] FromStream(Stream modelBytes)
        {
            if (modelBytes == null)
                throw new ArgumentNullException(nameof(modelBytes));
            using var copy = new MemoryStream();
            modelBytes.CopyTo(copy);
            return copy.ToArray();
        }
    }
}

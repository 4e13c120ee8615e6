using System;

namespace Generative.ML.Demo
{
    /// <summary>
    /// The embedded default data set, made by code: 8x8 images, each the union of a few random horizontal and vertical
    /// bars plus a little noise. 64 inputs that really live on a 16-bar structure, so a small code reconstructs them.
    /// </summary>
    internal static class BarsDataset
    {
        public const int Side = 8;

        public static float[] Make(int rows, int seed)
        {
            var rng = new Random(seed);
            var data = new float[rows * Side * Side];
            for (var r = 0; r < rows; r++) {
                var img = data.AsSpan(r * Side * Side, Side * Side);
                for (var bar = 0; bar < 2 * Side; bar++) {
                    if (rng.NextDouble() > 0.15) continue;
                    for (var k = 0; k < Side; k++) {
                        var (y, x) = bar < Side ? (bar, k) : (k, bar - Side);
                        img[y * Side + x] = 1f;
                    }
                }
                for (var i = 0; i < img.Length; i++) img[i] = Math.Clamp(img[i] + (float)(rng.NextDouble() - 0.5) * 0.1f, 0f, 1f);
            }
            return data;
        }
    }
}

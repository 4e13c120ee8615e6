using System;
using Generative.ML.Graphs;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Generative.ML.Transformers.Glue
{
    /// <summary>A row's seed, under the contract's fixed column name.</summary>
    public sealed class SeedColumn
    {
        /// <summary>The row's seed (the user's integer seed column, widened to 64 bits).</summary>
        [ColumnName(GraphContract.Pipeline.Seed)]
        public long Seed { get; set; }
    }

    /// <summary><see cref="GraphContract.Pipeline.NoiseWidth"/> standard normal draws decided by the seed: the sampler graph takes the first LatentSize.</summary>
    public sealed class NoiseColumn
    {
        /// <summary>The standard normal draws.</summary>
        [ColumnName(GraphContract.Pipeline.Noise), VectorType(GraphContract.Pipeline.NoiseWidth)]
        public float[] Noise { get; set; } = Array.Empty<float>();
    }

    /// <summary>
    /// Seed to noise, the same on every machine: Box-Muller over SplitMix64 started from the 64-bit seed, so that equal
    /// seeds give equal rows and distinct seeds distinct ones (SplitMix64's first output is a bijection of its seed).
    /// Stateless and saved by its contract name.
    /// </summary>
    [CustomMappingFactoryAttribute(Contract)]
    public sealed class NoiseGlueFactory : CustomMappingFactory<SeedColumn, NoiseColumn>
    {
        /// <summary>The name saved pipelines find this mapping by; it never changes.</summary>
        public const string Contract = "Generative.ML.NoiseFromSeed.v2";

        /// <summary>Fills the noise from the seed.</summary>
        public static void Map(SeedColumn input, NoiseColumn output)
        {
            output.Noise = StandardNormal(GraphContract.Pipeline.NoiseWidth, input.Seed);
        }

        /// <summary>Box-Muller pairs from SplitMix64 started at <paramref name="seed"/>: the same numbers on every machine and runtime.</summary>
        internal static float[] StandardNormal(int count, long seed)
        {
            var state = unchecked((ulong)seed);
            double Uniform()
            {
                unchecked {
                    state += 0x9E3779B97F4A7C15UL;
                    var x = state;
                    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
                    x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
                    x ^= x >> 31;
                    return (x >> 11) * (1.0 / (1UL << 53)); // [0, 1)
                }
            }
            var z = new float[count];
            for (var i = 0; i < count; i += 2) {
                var radius = Math.Sqrt(-2 * Math.Log(1 - Uniform()));
                var angle = 2 * Math.PI * Uniform();
                z[i] = (float)(radius * Math.Cos(angle));
                if (i + 1 < count) z[i + 1] = (float)(radius * Math.Sin(angle));
            }
            return z;
        }

        /// <inheritdoc/>
        public override Action<SeedColumn, NoiseColumn> GetMapping() => Map;
    }
}

using System;
using Generative.ML.Graphs;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Generative.ML.Transformers.Glue
{
    /// <summary>A row's seed, under the contract's fixed column name.</summary>
    public sealed class SeedColumn
    {
        /// <summary>The row's seed.</summary>
        [ColumnName(GraphContract.Pipeline.Seed)]
        public float Seed { get; set; }
    }

    /// <summary><see cref="GraphContract.Pipeline.NoiseWidth"/> standard normal draws decided by the seed: the sampler graph takes the first LatentSize.</summary>
    public sealed class NoiseColumn
    {
        /// <summary>The standard normal draws.</summary>
        [ColumnName(GraphContract.Pipeline.Noise), VectorType(GraphContract.Pipeline.NoiseWidth)]
        public float[] Noise { get; set; } = Array.Empty<float>();
    }

    /// <summary>
    /// Seed to noise, the same on every machine: Box-Muller over System.Random seeded with the seed's bit pattern, so
    /// that equal seeds give equal rows and different seeds different ones. Stateless and saved by its contract name.
    /// </summary>
    [CustomMappingFactoryAttribute(Contract)]
    public sealed class NoiseGlueFactory : CustomMappingFactory<SeedColumn, NoiseColumn>
    {
        /// <summary>The name saved pipelines find this mapping by; it never changes.</summary>
        public const string Contract = "Generative.ML.NoiseFromSeed.v1";

        /// <summary>Fills the noise from the seed.</summary>
        public static void Map(SeedColumn input, NoiseColumn output)
        {
            output.Noise = StandardNormal(GraphContract.Pipeline.NoiseWidth, BitConverter.SingleToInt32Bits(input.Seed));
        }

        /// <summary>Box-Muller pairs from a seeded System.Random, whose seeded sequence .NET keeps stable.</summary>
        public static float[] StandardNormal(int count, int seed)
        {
            var random = new Random(seed);
            var z = new float[count];
            for (var i = 0; i < count; i += 2) {
                var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
                var angle = 2 * Math.PI * random.NextDouble();
                z[i] = (float)(radius * Math.Cos(angle));
                if (i + 1 < count) z[i + 1] = (float)(radius * Math.Sin(angle));
            }
            return z;
        }

        /// <inheritdoc/>
        public override Action<SeedColumn, NoiseColumn> GetMapping() => Map;
    }
}

using System;
using System.Linq;
using Generative.ML;
using Microsoft.ML;
using Microsoft.ML.Data;

// Generation: N synthetic rows as an IDataView, rows of a chosen class from a conditional VAE, and an interpolation
// between two encoded rows.
var random = new Random(7);
Customer Person(int segment)
{
    double G() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    var age = segment == 0 ? 30 + 5 * G() : 60 + 5 * G();
    return new Customer {
        Features = new[] { (float)age, (float)(1000 + 40 * age + 200 * G()), (float)(segment == 0 ? 12 + 3 * G() : 4 + G()) },
        Segment = segment == 0 ? new[] { 1f, 0f } : new[] { 0f, 1f },
        Seed = random.Next(1_000_000),
    };
}
var ml = new MLContext(seed: 1);
var rows = Enumerable.Range(0, 3000).Select(i => Person(i % 2)).ToArray();
var data = ml.Data.LoadFromEnumerable(rows);

// 1. N synthetic rows (age, income, visits) from an unconditional VAE, as an IDataView. No normaliser: the model scales
// the columns inside its graphs, and the rows come back in years, money and visits.
var vae = ml.Transforms.VaeEncode("Code", "Features", new VariationalAutoencoderOptions { LatentSize = 2 }).Fit(data);
var synthetic = vae.Sample(ml, count: 1000, seed: 42);   // the same seed gives the same rows
var ages = rows.Select(r => r.Features[0]).ToArray();
var syntheticAges = ml.Data.CreateEnumerable<Generated>(synthetic, false).Select(g => g.Features[0]).ToArray();
Console.WriteLine($"1,000 synthetic rows: age {syntheticAges.Average():F1} years on average (the training rows: {ages.Average():F1})");

// 2. Rows of one segment: a conditional VAE, sampled with the segment asked for as its condition.
var conditional = ml.Transforms.VaeSample("Generated", "Seed", "Features",
    new VariationalAutoencoderOptions { LatentSize = 2, ConditionColumnName = "Segment" }).Fit(data);
foreach (var segment in new[] { 0, 1 }) {
    var asked = Enumerable.Range(0, 500).Select(i => new Customer {
        Features = new float[3], Segment = segment == 0 ? new[] { 1f, 0f } : new[] { 0f, 1f }, Seed = i,
    }).ToArray();
    var generated = ml.Data.CreateEnumerable<GeneratedRow>(conditional.Transform(ml.Data.LoadFromEnumerable(asked)), false).Average(r => r.Generated[0]);
    var real = ages.Where((_, i) => i % 2 == segment).Average();
    Console.WriteLine($"500 rows of segment {segment + 1}: age {generated:F1} years on average (that segment's real rows: {real:F1})");
}

// 3. From a young customer to an older one, through the latent space.
using var batch = vae.CreateBatchScorer();
var ends = batch.Encode(rows[0].Features.Concat(rows[1].Features).ToArray());
var path = Enumerable.Range(0, 5).SelectMany(i => new[] { ends[0] + (ends[2] - ends[0]) * i / 4f, ends[1] + (ends[3] - ends[1]) * i / 4f }).ToArray();
var steps = batch.Decode(path);
Console.WriteLine("Interpolated (age in years): " + string.Join(" -> ", Enumerable.Range(0, 5).Select(i => steps[i * 3].ToString("F1"))));

sealed class Customer
{
    [VectorType(3)] public float[] Features { get; set; } = Array.Empty<float>();
    [VectorType(2)] public float[] Segment { get; set; } = Array.Empty<float>();
    public int Seed { get; set; }
}

sealed class Generated
{
    public float[] Features { get; set; } = Array.Empty<float>();
}

sealed class GeneratedRow
{
    public float[] Generated { get; set; } = Array.Empty<float>();
}

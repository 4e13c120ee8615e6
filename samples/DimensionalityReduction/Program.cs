using System;
using System.Linq;
using Generative.ML;
using Microsoft.ML;
using Microsoft.ML.Data;

// Dimensionality reduction: VaeEncode as a stage before a trainer. Rows from 4 groups in 20 dimensions are encoded to
// 2 numbers each, and KMeans clusters the codes; the clusters are compared with the groups the rows came from.
var random = new Random(3);
var centres = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 20).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray()).ToArray();
var rows = Enumerable.Range(0, 2000).Select(i => new Row {
    Group = (uint)(i % 4 + 1),
    Features = centres[i % 4].Select(c => c + (float)(random.NextDouble() - 0.5)).ToArray(),
}).ToArray();

var ml = new MLContext(seed: 1);
var data = ml.Data.LoadFromEnumerable(rows);
var pipeline = ml.Transforms.VaeEncode("Code", "Features", new VariationalAutoencoderOptions { LatentSize = 2, Epochs = 30 })
    .Append(ml.Clustering.Trainers.KMeans("Code", numberOfClusters: 4));
var model = pipeline.Fit(data);
var clusters = ml.Data.CreateEnumerable<Clustered>(model.Transform(data), reuseRowObject: false).ToArray();

// Purity: the share of rows whose cluster's most common group is their own.
var purity = clusters.Zip(rows).GroupBy(p => p.First.PredictedLabel)
    .Sum(g => g.GroupBy(p => p.Second.Group).Max(h => h.Count())) / (double)rows.Length;
Console.WriteLine($"20 features encoded to {clusters[0].Code.Length}; KMeans on the codes finds the 4 groups with purity {purity:P1}");

sealed class Row
{
    [VectorType(20)] public float[] Features { get; set; } = Array.Empty<float>();
    public uint Group { get; set; }
}

sealed class Clustered
{
    public float[] Code { get; set; } = Array.Empty<float>();
    public uint PredictedLabel { get; set; }
}

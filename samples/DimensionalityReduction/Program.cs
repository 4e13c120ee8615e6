using System;
using System.IO;
using System.Linq;
using Generative.ML;
using Microsoft.ML;
using Microsoft.ML.Data;
using ScottPlot;

// Dimensionality reduction: VaeEncode as a stage that makes a 2-D map, fitted on one set of rows and placing new ones,
// beside ML.NET's PCA. The rows come from 5 groups that differ in 16 quiet features, while 4 loud features are noise
// every group shares: PCA keeps the loud directions, where the groups overlap; VaeEncode (which scales each feature by
// its spread first) keeps the groups apart. For maps of harder data, VariationalAutoencoderOptions.NeighbourhoodWeight
// adds t-SNE's neighbourhood term (docs/dimensionality-reduction.md).
var random = new Random(3);
double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
var centres = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, 16).Select(_ => Gaussian()).ToArray()).ToArray();
Row[] MakeRows(int count) => Enumerable.Range(0, count).Select(i => new Row {
    Group = i % 5,
    Features = Enumerable.Range(0, 20).Select(j => (float)(j < 4 ? 5 * Gaussian() : centres[i % 5][j - 4] + 0.3 * Gaussian())).ToArray(),
}).ToArray();
var (trainRows, newRows) = (MakeRows(1500), MakeRows(500));

var ml = new MLContext(seed: 1);
var train = ml.Data.LoadFromEnumerable(trainRows);
var fresh = ml.Data.LoadFromEnumerable(newRows);
var map = ml.Transforms.VaeEncode("Code", "Features", latentSize: 2).Fit(train);
var pca = ml.Transforms.ProjectToPrincipalComponents("Code", "Features", rank: 2).Fit(train);

Coded[] Codes(ITransformer model, IDataView data) => ml.Data.CreateEnumerable<Coded>(model.Transform(data), reuseRowObject: false).ToArray();
// 1-NN accuracy: the share of new rows whose nearest training row on the map is of their own group (1 = groups kept apart).
double Nearest(ITransformer model)
{
    var known = Codes(model, train);
    return Codes(model, fresh).Average(c => known.MinBy(k => Math.Pow(k.Code[0] - c.Code[0], 2) + Math.Pow(k.Code[1] - c.Code[1], 2))!.Group == c.Group ? 1.0 : 0.0);
}
Console.WriteLine($"20 features to 2. New rows placed next to a training row of their own group (1-NN accuracy): VaeEncode {Nearest(map):P1}, PCA {Nearest(pca):P1}");

// The two maps of the new rows side by side, coloured by the group they came from.
var multiplot = new Multiplot();
multiplot.AddPlots(2);
foreach (var (plot, (name, model)) in new[] { multiplot.GetPlot(0), multiplot.GetPlot(1) }.Zip(new[] { ("VaeEncode (latentSize: 2)", (ITransformer)map), ("PCA (rank: 2)", pca) })) {
    var codes = Codes(model, fresh);
    foreach (var group in codes.GroupBy(c => c.Group).OrderBy(g => g.Key)) {
        var points = plot.Add.ScatterPoints(group.Select(c => (double)c.Code[0]).ToArray(), group.Select(c => (double)c.Code[1]).ToArray());
        points.LegendText = $"group {group.Key}";
        points.MarkerSize = 4;
    }
    plot.Title($"{name}: 500 new rows");
    plot.XLabel("code 1");
    plot.YLabel("code 2");
    plot.ShowLegend(Alignment.UpperRight);
}
multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
var png = Path.GetFullPath("maps.png");
multiplot.SavePng(png, 1200, 560);
Console.WriteLine($"The maps: {png}");

sealed class Row
{
    [VectorType(20)] public float[] Features { get; set; } = Array.Empty<float>();
    public int Group { get; set; }
}

sealed class Coded
{
    public float[] Code { get; set; } = Array.Empty<float>();
    public int Group { get; set; }
}

using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Generative.ML.Demo
{
    /// <summary>The PNGs a person looks at, each with a title, axis labels and, where there are several series, a legend.</summary>
    public static class Plots
    {
        const int Width = 900, Height = 560;

        public static void Losses(string path, IReadOnlyList<(int epoch, double train, double? validation, IReadOnlyDictionary<string, double> parts)> epochs)
        {
            var plot = new Plot();
            double[] x = epochs.Select(e => (double)e.epoch).ToArray();
            plot.Add.Scatter(x, epochs.Select(e => e.train).ToArray()).LegendText = "training loss (negative ELBO)";
            if (epochs.All(e => e.validation is not null))
                plot.Add.Scatter(x, epochs.Select(e => e.validation!.Value).ToArray()).LegendText = "validation loss";
            foreach (var part in epochs[0].parts.Keys) {
                var line = plot.Add.Scatter(x, epochs.Select(e => e.parts[part]).ToArray());
                line.LegendText = $"training {part}";
                line.LinePattern = LinePattern.Dashed;
            }
            plot.Title("VAE training on handwritten digits");
            plot.XLabel("epoch");
            plot.YLabel("nats per image");
            plot.ShowLegend();
            plot.SavePng(path, Width, Height);
        }

        public static void LatentMap(string path, IReadOnlyList<(float[] z, int cls, bool heldOut)> points)
        {
            var plot = new Plot();
            foreach (var group in points.GroupBy(p => p.cls).OrderBy(g => g.Key)) {
                var scatter = plot.Add.ScatterPoints(group.Select(p => (double)p.z[0]).ToArray(), group.Select(p => (double)p.z[1]).ToArray());
                scatter.LegendText = group.First().heldOut ? $"digit {group.Key} (held out)" : $"digit {group.Key}";
                scatter.MarkerSize = group.First().heldOut ? 7 : 5;
                if (group.First().heldOut) scatter.MarkerShape = MarkerShape.OpenCircle;
            }
            plot.Title("Latent map: posterior means of held-out digits");
            plot.XLabel("z1");
            plot.YLabel("z2");
            plot.ShowLegend(Alignment.UpperRight);
            plot.SavePng(path, Width, Height);
        }

        /// <summary>Images (row-major pixels in [0, 1]) tiled into rows of <paramref name="columns"/>, one pixel gap apart.</summary>
        public static void ImageGrid(string path, string title, string xLabel, string yLabel, IReadOnlyList<float[]> images, int columns)
        {
            const int side = Digit.Side, cell = side + 1;
            var rows = (images.Count + columns - 1) / columns;
            var grid = new double[rows * cell - 1, columns * cell - 1];
            for (var r = 0; r < grid.GetLength(0); r++)
                for (var c = 0; c < grid.GetLength(1); c++) grid[r, c] = double.NaN;
            for (var i = 0; i < images.Count; i++)
                for (var y = 0; y < side; y++)
                    for (var x = 0; x < side; x++) grid[i / columns * cell + y, i % columns * cell + x] = images[i][y * side + x];
            var plot = new Plot();
            var heatmap = plot.Add.Heatmap(grid);
            heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
            heatmap.ManualRange = new ScottPlot.Range(0, 1);
            plot.Add.ColorBar(heatmap).Label = "pixel intensity";
            plot.Title(title);
            plot.XLabel(xLabel);
            plot.YLabel(yLabel);
            // Pixel coordinates mean nothing to a reader: no tick labels, no grid.
            plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
            plot.Axes.Left.TickLabelStyle.IsVisible = false;
            plot.HideGrid();
            plot.Axes.SquareUnits();
            plot.SavePng(path, 56 * columns + 260, 56 * rows + 210);
        }

        public static void ScoreHistogram(string path, IReadOnlyList<float> normal, IReadOnlyList<float> heldOut, double threshold, int heldOutClass)
        {
            var all = normal.Concat(heldOut).ToArray();
            double low = all.Min(), high = all.Max(), width = (high - low) / 40;
            double[] Counts(IEnumerable<float> values)
            {
                var counts = new double[40];
                foreach (var v in values) counts[Math.Min(39, (int)((v - low) / width))]++;
                return counts;
            }
            var centres = Enumerable.Range(0, 40).Select(i => low + (i + 0.5) * width).ToArray();
            var plot = new Plot();
            foreach (var (values, label, colour) in new[] { (normal, "normal digits (test)", Colors.SteelBlue), (heldOut, $"digit {heldOutClass} (never trained on)", Colors.OrangeRed) }) {
                var bars = plot.Add.Bars(centres, Counts(values));
                bars.LegendText = label;
                foreach (var bar in bars.Bars) {
                    bar.Size = width * 0.9;
                    bar.FillColor = colour.WithAlpha(0.55);
                    bar.LineWidth = 0;
                }
            }
            var line = plot.Add.VerticalLine(threshold);
            line.LegendText = "calibrated threshold";
            line.Color = Colors.Black;
            plot.Title("Anomaly scores: normal digits vs a held-out class");
            plot.XLabel("score (negative ELBO, nats)");
            plot.YLabel("images");
            plot.ShowLegend();
            plot.SavePng(path, Width, Height);
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Generative.ML.Bench.Quality
{
    /// <summary>
    /// The benchmark as a picture: each task's test AUROC for one detector against Isolation Forest's, one colour per
    /// group. Points above the diagonal are tasks the detector wins.
    /// </summary>
    public static class QualityPlot
    {
        public static void Save(string path, IReadOnlyList<QualityBenchmark.Result> results, string detector, string reference = "isolation_forest")
        {
            var plot = new Plot();
            var diagonal = plot.Add.Line(0, 0, 1, 1);
            diagonal.LinePattern = LinePattern.Dashed;
            diagonal.LegendText = "equal AUROC";
            foreach (var group in results.GroupBy(r => r.Group).OrderBy(g => g.Key)) {
                var tasks = group.GroupBy(r => r.Task)
                    .Select(t => (ours: Mean(t, detector), theirs: Mean(t, reference)))
                    .Where(p => !double.IsNaN(p.ours) && !double.IsNaN(p.theirs)).ToList();
                if (tasks.Count == 0) continue;
                var points = plot.Add.ScatterPoints(tasks.Select(p => p.theirs).ToArray(), tasks.Select(p => p.ours).ToArray());
                points.LegendText = $"{group.Key} ({tasks.Count(p => p.ours > p.theirs)}/{tasks.Count} above)";
                points.MarkerSize = 7;
            }
            plot.Title($"Anomaly detection per task: {detector} against Isolation Forest (test AUROC, mean over seeds)");
            plot.XLabel("Isolation Forest AUROC");
            plot.YLabel($"{detector} AUROC");
            plot.Axes.SetLimits(0, 1.02, 0, 1.02);
            plot.ShowLegend(Alignment.LowerRight);
            plot.SavePng(path, 900, 800);
        }

        static double Mean(IEnumerable<QualityBenchmark.Result> task, string detector) =>
            task.Where(r => r.Detector == detector).Select(r => r.Auroc).DefaultIfEmpty(double.NaN).Average();
    }
}

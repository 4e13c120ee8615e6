using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Onnx;
using Generative.ML.Training.Optimization;
using Generative.ML.Transformers;

namespace Generative.ML.Estimators.Fitting
{
    /// <summary>
    /// What a few known anomalies decide, by cross-validation so that nothing is judged on rows its model trained on:
    /// the labelled rows are split into folds (anomalies and normal rows each spread evenly); for each fold a model
    /// trains on every row but the known anomalies and that fold's labelled rows, and scores the fold's rows with every
    /// candidate score. Each score is read as its position among that model's own training scores (0 to 1), so that
    /// folds' models are on one scale. The score with the highest pooled AUROC wins (the first candidate, the
    /// options' own score, on ties); a target recall or precision sets the threshold's position from the winner's
    /// pooled positions, and the final model's threshold is its training scores' quantile at that position.
    /// </summary>
    internal sealed class LabelledChoice(GenerativeEstimatorOptions options, KnownLabels labels, int seed,
                                         Func<GenerativeModel, TrainingData, int, TrainingHistory> train)
    {
        /// <summary>The most folds: each costs one more training.</summary>
        public const int MaxFolds = 3;

        /// <summary>What was chosen, and on how many labels.</summary>
        public sealed record Result(AnomalyScoreKind Score, IReadOnlyDictionary<string, double> Auroc, int KnownAnomalies, int KnownNormalRows,
                                    double? Contamination, string? ThresholdRule);

        /// <param name="all">Every kept row, known anomalies included, unscaled (the graphs scale).</param>
        /// <param name="scaling">The scaling fitted on the rows that are not known anomalies.</param>
        /// <param name="export">Exports trained models with a score and a scaling.</param>
        public Result Choose(TrainingData all, FeatureScaling? scaling,
                             Func<IReadOnlyList<GenerativeModel>, IReadOnlyList<ScoreNormalization>?, AnomalyScoreKind, FeatureScaling?, ModelGraphs> export)
        {
            var candidates = options.ScoreCandidates;
            int a = labels.Anomalies.Length, n = labels.Normals.Length;
            var targeted = options.TargetRecall is not null || options.TargetPrecision is not null;
            if (a < 2 || n < 2) {
                if (targeted)
                    throw new InvalidTrainingDataException(
                        $"Label column '{labels.Column}' marks {a} known anomalies and {n} known normal rows; a target recall or precision needs at least 2 of each.",
                        labels.Column);
                return new Result(candidates[0], new Dictionary<string, double>(), a, n, null, null);
            }
            if (candidates.Count == 1 && !targeted) return new Result(candidates[0], new Dictionary<string, double>(), a, n, null, null);

            var folds = Math.Min(MaxFolds, Math.Min(a, n));
            var fold = Folds(folds);
            var positions = candidates.ToDictionary(c => c, _ => new List<(double Position, bool Anomaly)>());
            var isAnomaly = new HashSet<int>(labels.Anomalies);
            for (var f = 0; f < folds; f++) {
                var held = fold.Where(kv => kv.Value == f).Select(kv => kv.Key).OrderBy(i => i).ToArray();
                var heldSet = new HashSet<int>(held);
                var trainRows = all.Subset(labels.NotAnomalies.Where(i => !heldSet.Contains(i)).ToArray());
                var heldRows = all.Subset(held);
                var scaled = scaling?.Apply(trainRows) ?? trainRows;
                // The known anomalies outside the fold: what the known-anomalies score measures the fold's rows against.
                var known = all.Subset(labels.Anomalies.Where(i => !heldSet.Contains(i)).ToArray());
                var knownScaled = scaling?.Apply(known) ?? known;
                using var model = options.CreateModel(all.FeatureCount, all.ConditionCount);
                train(model, scaled, seed);
                foreach (var candidate in candidates) {
                    options.AfterTraining(model, scaled, seed, candidate, knownScaled);
                    var graphs = export(new[] { model }, null, candidate, scaling);
                    var knots = Calibration.ScoreKnots(graphs, trainRows);
                    var scores = Calibration.TrainingScores(graphs, heldRows);
                    for (var i = 0; i < held.Length; i++)
                        positions[candidate].Add((Graphs.Quantiles.Position(knots, scores[i]), isAnomaly.Contains(held[i])));
                }
            }
            var auroc = candidates.ToDictionary(c => c, c => Auroc(positions[c]));
            var chosen = candidates.Aggregate((best, c) => auroc[c] > auroc[best] ? c : best);
            var (contamination, rule) = Threshold(positions[chosen], folds);
            return new Result(chosen, auroc.ToDictionary(kv => kv.Key.ToString(), kv => Math.Round(kv.Value, 6)), a, n, contamination, rule);
        }

        /// <summary>Each labelled row's fold: anomalies and normal rows each shuffled (seeded) and dealt in turn.</summary>
        Dictionary<int, int> Folds(int folds)
        {
            var random = new Random(seed);
            var fold = new Dictionary<int, int>();
            foreach (var group in new[] { labels.Anomalies, labels.Normals }) {
                var order = group.ToArray();
                random.Shuffle(order);
                for (var i = 0; i < order.Length; i++) fold[order[i]] = i % folds;
            }
            return fold;
        }

        /// <summary>The chance that a known anomaly's position is above a known normal row's (ties count half).</summary>
        static double Auroc(List<(double Position, bool Anomaly)> rows) =>
            Tables.SyntheticQuality.Auc(rows.Select(r => (r.Anomaly, (float)r.Position)).ToArray());

        /// <summary>
        /// The threshold's position for the target (as the contamination whose rule gives it), and the rule in words: the
        /// highest position that keeps the target recall, or the lowest whose labelled rows above it reach the target precision.
        /// </summary>
        (double? Contamination, string? Rule) Threshold(List<(double Position, bool Anomaly)> rows, int folds)
        {
            if (options.TargetRecall is null && options.TargetPrecision is null) return (null, null);
            // Candidate cuts: each labelled row's position, highest first (a row at the cut is flagged). One sweep down the
            // sorted rows gives each cut's recall and precision among the labelled rows.
            var sorted = rows.OrderByDescending(r => r.Position).ToArray();
            var anomalies = sorted.Count(r => r.Anomaly);
            var cuts = new List<(double Cut, double Recall, double Precision)>();
            for (int i = 0, hits = 0; i < sorted.Length; i++) {
                if (sorted[i].Anomaly) hits++;
                if (i + 1 < sorted.Length && sorted[i + 1].Position == sorted[i].Position) continue; // ties are flagged together
                cuts.Add((sorted[i].Position, hits / (double)anomalies, hits / (double)(i + 1)));
            }
            (double Cut, double Recall, double Precision) chosen;
            string wanted;
            if (options.TargetRecall is double recall) {
                chosen = cuts.First(c => c.Recall >= recall - 1e-12); // the highest cut that reaches it; the lowest cut flags every anomaly
                wanted = $"recall {recall.ToString("G4", CultureInfo.InvariantCulture)}";
            } else {
                var precision = options.TargetPrecision!.Value;
                var reaching = cuts.Where(c => c.Precision >= precision - 1e-12 && c.Recall > 0).ToArray();
                // The lowest cut that reaches the precision flags the most anomalies; none reaching it: the most precise cut.
                chosen = reaching.Length > 0 ? reaching[^1] : cuts.OrderByDescending(c => c.Precision).ThenBy(c => c.Cut).First();
                wanted = $"precision {precision.ToString("G4", CultureInfo.InvariantCulture)}";
            }
            // The cut lies a knot below the chosen position, so a row scoring where that labelled row scored is above the threshold.
            var contamination = Math.Clamp(1 - chosen.Cut + 1.0 / (Graphs.Quantiles.ThresholdKnots - 1), 1.0 / (Graphs.Quantiles.ThresholdKnots - 1), 0.999);
            var rule = string.Create(CultureInfo.InvariantCulture,
                $"{wanted} on {rows.Count(r => r.Anomaly)} known anomalies and {rows.Count(r => !r.Anomaly)} known normal rows, {folds}-fold: " +
                $"recall {chosen.Recall:F3}, precision {chosen.Precision:F3} among labelled rows, {contamination:G4} of training rows above it");
            return (contamination, rule);
        }
    }
}

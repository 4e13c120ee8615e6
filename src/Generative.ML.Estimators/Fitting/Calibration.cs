using System;
using System.Linq;
using Generative.ML.Training.Data;
using Generative.ML.Training.Export;
using Generative.ML.Transformers;

namespace Generative.ML.Estimators.Fitting
{
    /// <summary>
    /// What the training rows' scores, as the exported scorer computes them, decide: the anomaly threshold (their
    /// (1 - contamination) quantile) and an ensemble member's score normalization.
    /// </summary>
    internal static class Calibration
    {
        const int Block = 4096;

        public static float Threshold(ModelGraphs uncalibrated, TrainingData data, double contamination)
        {
            var scores = TrainingScores(uncalibrated, data);
            Array.Sort(scores);
            // At most a `contamination` share of the training rows scores above the threshold.
            var index = Math.Clamp((int)Math.Ceiling((1 - contamination) * scores.Length) - 1, 0, scores.Length - 1);
            return scores[index];
        }

        /// <summary>
        /// An ensemble member's score normalization: its training scores' median, and their interquartile range (the
        /// standard deviation where that is 0, else 1), so that each member weighs the same in the ensemble's mean.
        /// </summary>
        public static ScoreNormalization Normalization(ModelGraphs member, TrainingData data)
        {
            var scores = TrainingScores(member, data).Select(v => (double)v).OrderBy(v => v).ToArray();
            var spread = Quantiles.Of(scores, 0.75) - Quantiles.Of(scores, 0.25);
            if (!(spread > 1e-12)) {
                var mean = scores.Average();
                spread = Math.Sqrt(scores.Average(v => (v - mean) * (v - mean)));
            }
            return new ScoreNormalization((float)Quantiles.Of(scores, 0.5), spread > 1e-12 ? (float)spread : 1f);
        }

        /// <summary>The scores the exported scorer gives the training rows; throws if any is not finite.</summary>
        static float[] TrainingScores(ModelGraphs graphs, TrainingData data)
        {
            var scores = new float[data.RowCount];
            using (var scorer = new BatchScorer(graphs, scoring: null)) {
                for (var start = 0; start < data.RowCount; start += Block) {
                    var rows = Math.Min(Block, data.RowCount - start);
                    var x = data.Features.AsSpan(start * data.FeatureCount, rows * data.FeatureCount).ToArray();
                    var c = data.Conditions?.AsSpan(start * data.ConditionCount, rows * data.ConditionCount).ToArray();
                    scorer.Score(x, c).Scores.CopyTo(scores, start);
                }
            }
            if (scores.Any(s => !float.IsFinite(s)))
                throw new InvalidOperationException("The trained model gives non-finite anomaly scores on its training rows; try a lower learning rate.");
            return scores;
        }
    }
}

using System;
using System.Linq;
using Generative.ML.Graphs;
using Generative.ML.Training.Data;
using Generative.ML.Training.Onnx;
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

        /// <summary>The training scores' quantile knots, from which the threshold rule (<see cref="Quantiles.Threshold"/>) reads any contamination's threshold.</summary>
        public static double[] ScoreKnots(ModelGraphs uncalibrated, TrainingData data) =>
            Quantiles.Knots(TrainingScores(uncalibrated, data).Select(v => (double)v).OrderBy(v => v).ToArray());

        /// <summary>An ensemble member's score normalization (<see cref="Quantiles.RobustScale"/>), so that each member weighs the same in the ensemble's mean.</summary>
        public static ScoreNormalization Normalization(ModelGraphs member, TrainingData data)
        {
            var (center, spread) = Quantiles.RobustScale(TrainingScores(member, data).Select(v => (double)v).OrderBy(v => v).ToArray());
            return new ScoreNormalization((float)center, (float)spread);
        }

        /// <summary>The scores the exported scorer gives the rows of <paramref name="data"/>; throws if any is not finite.</summary>
        public static float[] TrainingScores(ModelGraphs graphs, TrainingData data)
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

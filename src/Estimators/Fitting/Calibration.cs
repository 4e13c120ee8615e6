using System;
using System.Linq;
using Generative.ML.Training.Data;
using Generative.ML.Transformers;

namespace Generative.ML.Estimators.Fitting
{
    /// <summary>The anomaly threshold: the (1 - contamination) quantile of the training rows' scores, as the exported scorer computes them.</summary>
    internal static class Calibration
    {
        const int Block = 4096;

        public static float Threshold(ModelGraphs uncalibrated, TrainingData data, double contamination)
        {
            var scores = new float[data.RowCount];
            using (var scorer = new BatchScorer(uncalibrated, scoring: null)) {
                for (var start = 0; start < data.RowCount; start += Block) {
                    var rows = Math.Min(Block, data.RowCount - start);
                    var x = data.Features.AsSpan(start * data.FeatureCount, rows * data.FeatureCount).ToArray();
                    var c = data.Conditions?.AsSpan(start * data.ConditionCount, rows * data.ConditionCount).ToArray();
                    scorer.Score(x, c).Scores.CopyTo(scores, start);
                }
            }
            if (scores.Any(s => !float.IsFinite(s)))
                throw new InvalidOperationException("The trained model gives non-finite anomaly scores on its training rows; try a lower learning rate.");
            Array.Sort(scores);
            // At most a `contamination` share of the training rows scores above the threshold.
            var index = Math.Clamp((int)Math.Ceiling((1 - contamination) * scores.Length) - 1, 0, scores.Length - 1);
            return scores[index];
        }
    }
}

using System;
using System.Linq;
using Generative.ML.Training.Data;
using Microsoft.ML.OnnxRuntime;

namespace Generative.ML.Estimators.Fitting
{
    /// <summary>The anomaly threshold: the (1 - contamination) quantile of the training rows' scores, as the exported scorer computes them.</summary>
    internal static class Calibration
    {
        const int Batch = 4096;

        public static float Threshold(byte[] scorer, string inputName, string scoreName, TrainingData data, double contamination)
        {
            var scores = Scores(scorer, inputName, scoreName, data);
            Array.Sort(scores);
            // At most a `contamination` share of the training rows scores above the threshold.
            var index = Math.Clamp((int)Math.Ceiling((1 - contamination) * scores.Length) - 1, 0, scores.Length - 1);
            return scores[index];
        }

        static float[] Scores(byte[] scorer, string inputName, string scoreName, TrainingData data)
        {
            using var session = new InferenceSession(scorer);
            using var runOptions = new RunOptions();
            var scores = new float[data.RowCount];
            var width = data.FeatureCount;
            for (var start = 0; start < data.RowCount; start += Batch) {
                var rows = Math.Min(Batch, data.RowCount - start);
                var memory = new Memory<float>(data.Features, start * width, rows * width);
                using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, memory, new long[] { rows, width });
                using var outputs = session.Run(runOptions, new[] { inputName }, new[] { input }, new[] { scoreName });
                outputs[0].GetTensorDataAsSpan<float>().CopyTo(scores.AsSpan(start, rows));
            }
            if (scores.Any(s => !float.IsFinite(s)))
                throw new InvalidOperationException("The trained model gives non-finite anomaly scores on its training rows; try a lower learning rate.");
            return scores;
        }
    }
}

using System;
using Generative.ML.Training.Data;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// One pass of a trained model over data, in evaluation mode without gradients, a block of rows at a time: memory
    /// stays at a block's activations however many rows there are. The model's mode is put back afterwards.
    /// </summary>
    internal static class EvaluationPass
    {
        const int Block = 4096;

        /// <param name="visit">Called with each block's first row, its features [rows, D] and conditions (or null); the
        /// tensors are disposed after the call.</param>
        public static void ForEachBlock(GenerativeModel model, TrainingData data, Action<int, Tensor, Tensor?> visit)
        {
            var wasTraining = model.training;
            model.eval();
            try {
                using var _ = no_grad();
                for (var start = 0; start < data.RowCount; start += Block) {
                    using var scope = NewDisposeScope();
                    var rows = Math.Min(Block, data.RowCount - start);
                    var x = tensor(data.Features.AsSpan(start * data.FeatureCount, rows * data.FeatureCount).ToArray(), rows, data.FeatureCount);
                    var c = data.Conditions is null ? null
                        : tensor(data.Conditions.AsSpan(start * data.ConditionCount, rows * data.ConditionCount).ToArray(), rows, data.ConditionCount);
                    visit(start, x, c);
                }
            } finally {
                model.train(wasTraining);
            }
        }
    }
}

using System;
using Generative.ML.Training.Data;
using static TorchSharp.torch;

namespace Generative.ML.Training.Optimization
{
    /// <summary>
    /// Rows as CPU tensors, made once. An epoch takes one shuffled copy (<see cref="InOrder"/>), and its batches are views
    /// of consecutive rows of that copy: no per-batch gathering or index tensors.
    /// </summary>
    internal sealed class TensorRows : IDisposable
    {
        public TensorRows(TrainingData data)
        {
            RowCount = data.RowCount;
            Features = tensor(data.Features, new long[] { data.RowCount, data.FeatureCount }).DetachFromDisposeScope();
            if (data.Conditions != null)
                Conditions = tensor(data.Conditions, new long[] { data.RowCount, data.ConditionCount }).DetachFromDisposeScope();
        }

        TensorRows(Tensor features, Tensor? conditions)
        {
            RowCount = (int)features.shape[0];
            Features = features.DetachFromDisposeScope();
            Conditions = conditions?.DetachFromDisposeScope();
        }

        public int RowCount { get; }
        public Tensor Features { get; }
        public Tensor? Conditions { get; }

        /// <summary>A copy with the rows in <paramref name="order"/>, for one epoch; the caller disposes it.</summary>
        public TensorRows InOrder(int[] order)
        {
            var indices = new long[order.Length];
            for (var i = 0; i < order.Length; i++) indices[i] = order[i];
            using var index = tensor(indices);
            return new TensorRows(Features.index_select(0, index), Conditions?.index_select(0, index));
        }

        /// <summary>Rows start .. start + count - 1 as views; they belong to the caller's dispose scope.</summary>
        public (Tensor x, Tensor? c) Slice(int start, int count) => (Features.narrow(0, start, count), Conditions?.narrow(0, start, count));

        public void Dispose()
        {
            Features.Dispose();
            Conditions?.Dispose();
        }
    }
}

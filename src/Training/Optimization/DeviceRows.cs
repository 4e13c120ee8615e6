using System;
using Generative.ML.Training.Data;
using static TorchSharp.torch;

namespace Generative.ML.Training.Optimization
{
    /// <summary>The data as tensors made once; batches are gathered from them by row index.</summary>
    internal sealed class DeviceRows : IDisposable
    {
        readonly Tensor _features;
        readonly Tensor? _conditions;

        public DeviceRows(TrainingData data)
        {
            RowCount = data.RowCount;
            _features = tensor(data.Features, new long[] { data.RowCount, data.FeatureCount }).DetachFromDisposeScope();
            if (data.Conditions != null)
                _conditions = tensor(data.Conditions, new long[] { data.RowCount, data.ConditionCount }).DetachFromDisposeScope();
        }

        public int RowCount { get; }

        /// <summary>The rows at <paramref name="rows"/>; the tensors belong to the caller's dispose scope.</summary>
        public (Tensor x, Tensor? c) Batch(int[] rows)
        {
            var indices = new long[rows.Length];
            for (var i = 0; i < rows.Length; i++) indices[i] = rows[i];
            using var index = tensor(indices);
            return (_features.index_select(0, index), _conditions?.index_select(0, index));
        }

        public void Dispose()
        {
            _features.Dispose();
            _conditions?.Dispose();
        }
    }
}

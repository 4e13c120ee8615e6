using System;
using System.Collections.Generic;

namespace Generative.ML.Training.Data
{
    /// <summary>
    /// Rows of features (and optionally a condition vector per row), checked once and stored row-major: every row
    /// the same length, every value finite. The arrays are owned by this object.
    /// </summary>
    internal sealed class TrainingData
    {
        TrainingData(float[] features, int rowCount, int featureCount, float[]? conditions, int conditionCount)
        {
            Features = features;
            RowCount = rowCount;
            FeatureCount = featureCount;
            Conditions = conditions;
            ConditionCount = conditionCount;
        }

        /// <summary>RowCount x FeatureCount values, row-major.</summary>
        public float[] Features { get; }

        /// <summary>RowCount x ConditionCount values, row-major; null when the data has no condition.</summary>
        public float[]? Conditions { get; }

        /// <summary>Rows in the data.</summary>
        public int RowCount { get; }
        /// <summary>Values per row.</summary>
        public int FeatureCount { get; }
        /// <summary>Condition values per row; 0 for unconditional data.</summary>
        public int ConditionCount { get; }

        /// <summary>Copies jagged rows; every row must have the first row's length.</summary>
        public static TrainingData FromRows(IReadOnlyList<float[]> rows, IReadOnlyList<float[]>? conditions = null)
        {
            if (rows is null) throw new ArgumentNullException(nameof(rows));
            var features = Flatten(rows, nameof(rows));
            float[]? conds = null;
            var conditionCount = 0;
            if (conditions != null) {
                if (conditions.Count != rows.Count)
                    throw new InvalidTrainingDataException($"There are {rows.Count} rows but {conditions.Count} condition vectors.", nameof(conditions));
                conds = Flatten(conditions, nameof(conditions));
                conditionCount = conditions[0].Length;
            }
            return FromMatrix(features, rows[0].Length, conds, conditionCount);
        }

        /// <summary>Takes a row-major matrix of <paramref name="featureCount"/> columns (the arrays are not copied).</summary>
        public static TrainingData FromMatrix(float[] features, int featureCount, float[]? conditions = null, int conditionCount = 0)
        {
            if (features is null) throw new ArgumentNullException(nameof(features));
            if (featureCount <= 0)
                throw new InvalidTrainingDataException($"The feature count must be positive; got {featureCount}.", nameof(featureCount));
            if (features.Length == 0) throw new InvalidTrainingDataException("The training data has no rows.", nameof(features));
            if (features.Length % featureCount != 0)
                throw new InvalidTrainingDataException(
                    $"{features.Length} values do not make whole rows of {featureCount} features.", nameof(features));
            var rowCount = features.Length / featureCount;
            CheckFinite(features, featureCount, nameof(features));
            if (conditions != null) {
                if (conditionCount <= 0)
                    throw new InvalidTrainingDataException($"The condition count must be positive; got {conditionCount}.", nameof(conditionCount));
                if (conditions.Length != rowCount * conditionCount)
                    throw new InvalidTrainingDataException(
                        $"{rowCount} rows need {rowCount * conditionCount} condition values ({conditionCount} per row); got {conditions.Length}.",
                        nameof(conditions));
                CheckFinite(conditions, conditionCount, nameof(conditions));
            } else if (conditionCount != 0) {
                throw new InvalidTrainingDataException("A condition count was given without conditions.", nameof(conditionCount));
            }
            return new TrainingData(features, rowCount, featureCount, conditions, conditions is null ? 0 : conditionCount);
        }

        /// <summary>The rows at the given indices, in that order.</summary>
        public TrainingData Subset(IReadOnlyList<int> rows)
        {
            var f = new float[rows.Count * FeatureCount];
            var c = Conditions is null ? null : new float[rows.Count * ConditionCount];
            for (var i = 0; i < rows.Count; i++) {
                Array.Copy(Features, (long)rows[i] * FeatureCount, f, (long)i * FeatureCount, FeatureCount);
                if (c != null) Array.Copy(Conditions!, (long)rows[i] * ConditionCount, c, (long)i * ConditionCount, ConditionCount);
            }
            return new TrainingData(f, rows.Count, FeatureCount, c, ConditionCount);
        }

        /// <summary>Throws unless every feature is in [low, high] (likelihoods with a bounded domain need this).</summary>
        internal void CheckRange(float low, float high, string why)
        {
            for (var i = 0; i < Features.Length; i++)
                if (Features[i] < low || Features[i] > high)
                    throw new InvalidTrainingDataException(
                        $"Row {i / FeatureCount}, column {i % FeatureCount} is {Features[i]}: {why} needs every value in [{low}, {high}].",
                        nameof(Features), i / FeatureCount, i % FeatureCount);
        }

        static float[] Flatten(IReadOnlyList<float[]> rows, string name)
        {
            if (rows.Count == 0) throw new InvalidTrainingDataException("The training data has no rows.", name);
            var width = rows[0]?.Length ?? throw new InvalidTrainingDataException("Row 0 is null.", name, 0);
            if (width == 0) throw new InvalidTrainingDataException("Row 0 has no values.", name, 0);
            var flat = new float[(long)rows.Count * width];
            for (var r = 0; r < rows.Count; r++) {
                var row = rows[r] ?? throw new InvalidTrainingDataException($"Row {r} is null.", name, r);
                if (row.Length != width)
                    throw new InvalidTrainingDataException($"Row {r} has {row.Length} values but row 0 has {width}.", name, r);
                row.CopyTo(flat, (long)r * width);
            }
            return flat;
        }

        static void CheckFinite(float[] values, int width, string name)
        {
            for (var i = 0; i < values.Length; i++)
                if (!float.IsFinite(values[i]))
                    throw new InvalidTrainingDataException(
                        $"Row {i / width}, column {i % width} is {values[i]}: training data must be finite.", name, i / width, i % width);
        }
    }
}

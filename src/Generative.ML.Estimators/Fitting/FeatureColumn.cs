using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Training.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators.Fitting
{
    /// <summary>The input column's checks (ML.NET's wording) and its rows as one contiguous float buffer.</summary>
    internal static class FeatureColumn
    {
        public const string Expected = "a known-size vector of Single";

        public static void Check(SchemaShape schema, string column)
        {
            // A later column of the same name hides an earlier one, as in ML.NET's schemas.
            var found = schema.LastOrDefault(c => c.Name == column);
            if (found.Name is null) throw new ArgumentOutOfRangeException(nameof(schema), $"Input column '{column}' not found.");
            var c = found;
            if (c.Kind != SchemaShape.Column.VectorKind.Vector || c.ItemType != NumberDataViewType.Single)
                throw new ArgumentOutOfRangeException(nameof(schema),
                    $"Schema mismatch for input column '{column}': expected {Expected}, got {Describe(c)}.");
        }

        /// <summary>A sampling seed column: a Single scalar.</summary>
        public static void CheckSeed(SchemaShape schema, string column)
        {
            var found = schema.LastOrDefault(c => c.Name == column);
            if (found.Name is null) throw new ArgumentOutOfRangeException(nameof(schema), $"Seed column '{column}' not found.");
            if (found.Kind != SchemaShape.Column.VectorKind.Scalar || found.ItemType != NumberDataViewType.Single)
                throw new ArgumentOutOfRangeException(nameof(schema), $"Schema mismatch for seed column '{column}': expected Single, got {Describe(found)}.");
        }

        /// <summary>The same check on a data view's schema, for Fit.</summary>
        public static void CheckSeed(DataViewSchema schema, string column)
        {
            var found = schema.GetColumnOrNull(column) ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Seed column '{column}' not found.");
            if (found.Type != NumberDataViewType.Single)
                throw new ArgumentOutOfRangeException(nameof(schema), $"Schema mismatch for seed column '{column}': expected Single, got {found.Type}.");
        }

        /// <summary>
        /// Reads every row of the feature column (and of the condition column, when there is one) in one pass; a missing,
        /// empty or non-finite value fails naming the column and the row.
        /// </summary>
        public static TrainingData Read(IDataView data, string column, string? conditionColumn = null)
        {
            var features = KnownSizeColumn(data.Schema, column);
            var condition = conditionColumn is null ? (DataViewSchema.Column?)null : KnownSizeColumn(data.Schema, conditionColumn);
            var width = ((VectorDataViewType)features.Type).Size;
            var conditionWidth = condition is { } c ? ((VectorDataViewType)c.Type).Size : 0;
            var values = new List<float>();
            var conditions = condition is null ? null : new List<float>();
            using var cursor = data.GetRowCursor(condition is { } active ? new[] { features, active } : new[] { features });
            var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
            var getCondition = condition is { } cc ? cursor.GetGetter<VBuffer<float>>(cc) : null;
            var row = default(VBuffer<float>);
            long index = 0;
            while (cursor.MoveNext()) {
                getFeatures(ref row);
                Append(row, values, column, index);
                if (getCondition != null) {
                    getCondition(ref row);
                    Append(row, conditions!, conditionColumn!, index);
                }
                index++;
            }
            if (index == 0) throw new InvalidTrainingDataException($"Column '{column}' has no rows to train on.", column);
            return TrainingData.FromMatrix(values.ToArray(), width, conditions?.ToArray(), conditionWidth);
        }

        static DataViewSchema.Column KnownSizeColumn(DataViewSchema schema, string column)
        {
            var found = schema.GetColumnOrNull(column) ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Input column '{column}' not found.");
            if (found.Type is not VectorDataViewType { IsKnownSize: true } vector || vector.ItemType != NumberDataViewType.Single)
                throw new ArgumentOutOfRangeException(nameof(schema), $"Schema mismatch for input column '{column}': expected {Expected}, got {found.Type}.");
            return found;
        }

        static void Append(VBuffer<float> row, List<float> values, string column, long index)
        {
            var slot = 0;
            foreach (var v in row.DenseValues()) {
                if (!float.IsFinite(v))
                    throw new InvalidTrainingDataException(
                        $"Column '{column}', row {index} (counting from 0), slot {slot}: {v} is not a finite number. Remove or impute such rows before Fit.",
                        column);
                values.Add(v);
                slot++;
            }
        }

        static string Describe(SchemaShape.Column c) => c.Kind switch {
            SchemaShape.Column.VectorKind.Scalar => $"{c.ItemType}",
            SchemaShape.Column.VectorKind.VariableVector => $"a vector of unknown size of {c.ItemType}",
            _ => $"a vector of {c.ItemType}",
        };
    }
}

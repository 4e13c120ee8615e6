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

        /// <summary>Reads every row; a missing, empty or non-finite value fails naming the column and the row.</summary>
        public static TrainingData Read(IDataView data, string column)
        {
            var schemaColumn = data.Schema.GetColumnOrNull(column)
                               ?? throw new ArgumentOutOfRangeException(nameof(data), $"Input column '{column}' not found.");
            if (schemaColumn.Type is not VectorDataViewType { ItemType: NumberDataViewType, IsKnownSize: true } vector
                || vector.ItemType != NumberDataViewType.Single)
                throw new ArgumentOutOfRangeException(nameof(data), $"Schema mismatch for input column '{column}': expected {Expected}, got {schemaColumn.Type}.");
            var width = vector.Size;
            var values = new List<float>();
            using var cursor = data.GetRowCursor(new[] { schemaColumn });
            var getter = cursor.GetGetter<VBuffer<float>>(schemaColumn);
            var row = default(VBuffer<float>);
            long index = 0;
            while (cursor.MoveNext()) {
                getter(ref row);
                var dense = row.DenseValues();
                var j = 0;
                foreach (var v in dense) {
                    if (!float.IsFinite(v))
                        throw new InvalidTrainingDataException(
                            $"Column '{column}', row {index} (counting from 0), slot {j}: {v} is not a finite number. Remove or impute such rows before Fit.",
                            column);
                    values.Add(v);
                    j++;
                }
                index++;
            }
            if (index == 0) throw new InvalidTrainingDataException($"Column '{column}' has no rows to train on.", column);
            return TrainingData.FromMatrix(values.ToArray(), width);
        }

        static string Describe(SchemaShape.Column c) => c.Kind switch {
            SchemaShape.Column.VectorKind.Scalar => $"{c.ItemType}",
            SchemaShape.Column.VectorKind.VariableVector => $"a vector of unknown size of {c.ItemType}",
            _ => $"a vector of {c.ItemType}",
        };
    }
}

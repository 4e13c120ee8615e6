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

        /// <summary>The seed column types the sampling transforms take: integers that widen to Int64 without loss.</summary>
        static readonly DataViewType[] SeedTypes = {
            NumberDataViewType.Int32, NumberDataViewType.UInt32, NumberDataViewType.Int64,
            NumberDataViewType.Int16, NumberDataViewType.UInt16, NumberDataViewType.SByte, NumberDataViewType.Byte,
        };

        const string ExpectedSeed = "an integer scalar (Int32, UInt32 or Int64; a Single seed column repeats rows above 2^24)";

        /// <summary>A sampling seed column: an integer scalar.</summary>
        public static void CheckSeed(SchemaShape schema, string column)
        {
            var found = schema.LastOrDefault(c => c.Name == column);
            if (found.Name is null) throw new ArgumentOutOfRangeException(nameof(schema), $"Seed column '{column}' not found.");
            if (found.Kind != SchemaShape.Column.VectorKind.Scalar || !SeedTypes.Contains(found.ItemType))
                throw new ArgumentOutOfRangeException(nameof(schema), $"Schema mismatch for seed column '{column}': expected {ExpectedSeed}, got {Describe(found)}.");
        }

        /// <summary>The same check on a data view's schema, for Fit.</summary>
        public static void CheckSeed(DataViewSchema schema, string column)
        {
            var found = schema.GetColumnOrNull(column) ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Seed column '{column}' not found.");
            if (!SeedTypes.Contains(found.Type))
                throw new ArgumentOutOfRangeException(nameof(schema), $"Schema mismatch for seed column '{column}': expected {ExpectedSeed}, got {found.Type}.");
        }

        /// <summary>
        /// Reads the feature column (and the condition column, when there is one) in one pass, keeping at most
        /// <paramref name="maxRowsForRowWidth"/>(values per row) rows: every row, in order, when the table has no more than that (so small tables
        /// train exactly as they always did); otherwise a uniform sample of that many, by reservoir sampling seeded with
        /// <paramref name="seed"/>. Memory is bounded by the sample, whatever the table's size. Every row read is checked:
        /// a non-finite value fails naming the column and the row.
        /// </summary>
        public static Sample Read(IDataView data, string column, string? conditionColumn, Func<int, int> maxRowsForRowWidth, int seed,
                                  string? labelColumn = null)
        {
            var features = KnownSizeColumn(data.Schema, column);
            var label = labelColumn is null ? (DataViewSchema.Column?)null : LabelColumn(data.Schema, labelColumn);
            var condition = conditionColumn is null ? (DataViewSchema.Column?)null : KnownSizeColumn(data.Schema, conditionColumn);
            var width = ((VectorDataViewType)features.Type).Size;
            var conditionWidth = condition is { } c ? ((VectorDataViewType)c.Type).Size : 0;
            var maxRows = maxRowsForRowWidth(width + conditionWidth);
            var kept = new Rows(width, maxRows);
            var keptConditions = condition is null ? null : new Rows(conditionWidth, maxRows);
            var keptLabels = label is null ? null : new List<float>();
            var random = new Random(seed);
            var active = new[] { features }.Concat(condition is { } cd ? new[] { cd } : Array.Empty<DataViewSchema.Column>())
                                           .Concat(label is { } lb ? new[] { lb } : Array.Empty<DataViewSchema.Column>()).ToArray();
            using var cursor = data.GetRowCursor(active);
            var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
            var getCondition = condition is { } cc ? cursor.GetGetter<VBuffer<float>>(cc) : null;
            var getLabel = label is { } l ? LabelGetter(cursor, l) : null;
            var row = default(VBuffer<float>);
            long index = 0;
            while (cursor.MoveNext()) {
                // Algorithm R: row i (from 0) replaces a kept row with probability maxRows / (i + 1).
                var slot = index < maxRows ? (int)index : random.NextInt64(index + 1) is var j && j < maxRows ? (int)j : -1;
                getFeatures(ref row);
                Check(row, column, index);
                if (slot >= 0) kept.Put(slot, row);
                if (getCondition != null) {
                    getCondition(ref row);
                    Check(row, conditionColumn!, index);
                    if (slot >= 0) keptConditions!.Put(slot, row);
                }
                if (getLabel != null) {
                    var value = getLabel();
                    if (!(float.IsNaN(value) || value == 0 || value == 1))
                        throw new InvalidTrainingDataException(
                            $"Label column '{labelColumn}', row {index} (counting from 0): {value} is not a label. Use 1 (or true) for a known anomaly, " +
                            "0 (or false) for a known normal row, NaN for a row nobody checked.", labelColumn!);
                    if (slot == keptLabels!.Count) keptLabels.Add(value);
                    else if (slot >= 0) keptLabels[slot] = value;
                }
                index++;
            }
            if (index == 0) throw new InvalidTrainingDataException($"Column '{column}' has no rows to train on.", column);
            var rows = (int)Math.Min(index, maxRows);
            return new Sample(TrainingData.FromMatrix(kept.Values(rows), width, keptConditions?.Values(rows), conditionWidth), index) {
                Labels = keptLabels?.ToArray(),
            };
        }

        /// <summary>The label column types the anomaly estimators take: ML.NET's Boolean, or Single with NaN for unknown.</summary>
        const string ExpectedLabel = "a Boolean or Single scalar (true or 1: a known anomaly; false or 0: a known normal row; NaN: unknown)";

        /// <summary>An anomaly estimator's label column, in a schema shape (GetOutputSchema).</summary>
        public static void CheckLabel(SchemaShape schema, string column)
        {
            var found = schema.LastOrDefault(c => c.Name == column);
            if (found.Name is null) throw new ArgumentOutOfRangeException(nameof(schema), $"Label column '{column}' not found.");
            if (found.Kind != SchemaShape.Column.VectorKind.Scalar || !(found.ItemType == BooleanDataViewType.Instance || found.ItemType == NumberDataViewType.Single))
                throw new ArgumentOutOfRangeException(nameof(schema), $"Schema mismatch for label column '{column}': expected {ExpectedLabel}, got {Describe(found)}.");
        }

        static DataViewSchema.Column LabelColumn(DataViewSchema schema, string column)
        {
            var found = schema.GetColumnOrNull(column) ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Label column '{column}' not found.");
            if (!(found.Type == BooleanDataViewType.Instance || found.Type == NumberDataViewType.Single))
                throw new ArgumentOutOfRangeException(nameof(schema), $"Schema mismatch for label column '{column}': expected {ExpectedLabel}, got {found.Type}.");
            return found;
        }

        /// <summary>A row's label as 1 (known anomaly), 0 (known normal) or NaN (unknown); other Single values are returned for the caller to refuse.</summary>
        static Func<float> LabelGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
        {
            if (column.Type == BooleanDataViewType.Instance) {
                var get = cursor.GetGetter<bool>(column);
                var b = false;
                return () => { get(ref b); return b ? 1f : 0f; };
            }
            var getSingle = cursor.GetGetter<float>(column);
            var f = 0f;
            return () => { getSingle(ref f); return f; };
        }

        /// <summary>The rows kept for training, and how many rows the table had.</summary>
        public sealed record Sample(TrainingData Data, long TableRows)
        {
            /// <summary>The kept rows' labels (1 known anomaly, 0 known normal, NaN unknown), when a label column was read.</summary>
            public float[]? Labels { get; init; }

            /// <summary>Whether the table had more rows than were kept.</summary>
            public bool IsSampled => TableRows > Data.RowCount;
        }

        /// <summary>Row slots of one width, grown by doubling up to the bound (never past it, so memory follows the sample).</summary>
        sealed class Rows(int width, int maxRows)
        {
            float[] _values = new float[(long)Math.Min(maxRows, 1024) * width];

            public void Put(int slot, VBuffer<float> row)
            {
                if ((long)(slot + 1) * width > _values.Length)
                    Array.Resize(ref _values, (int)Math.Min((long)Math.Max(_values.Length, width) * 2, (long)maxRows * width));
                row.CopyTo(_values, slot * width);
            }

            public float[] Values(int rows)
            {
                if (_values.Length != rows * width) Array.Resize(ref _values, rows * width);
                return _values;
            }
        }

        static DataViewSchema.Column KnownSizeColumn(DataViewSchema schema, string column)
        {
            var found = schema.GetColumnOrNull(column) ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Input column '{column}' not found.");
            if (found.Type is not VectorDataViewType { IsKnownSize: true } vector || vector.ItemType != NumberDataViewType.Single)
                throw new ArgumentOutOfRangeException(nameof(schema), $"Schema mismatch for input column '{column}': expected {Expected}, got {found.Type}.");
            return found;
        }

        static void Check(VBuffer<float> row, string column, long index)
        {
            var slot = 0;
            foreach (var v in row.DenseValues()) {
                if (!float.IsFinite(v))
                    throw new InvalidTrainingDataException(
                        $"Column '{column}', row {index} (counting from 0), slot {slot}: {v} is not a finite number. Remove or impute such rows before Fit.",
                        column);
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

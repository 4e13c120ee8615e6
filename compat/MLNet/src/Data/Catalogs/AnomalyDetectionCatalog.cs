using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.Data;

namespace Microsoft.ML
{
    /// <summary>Anomaly detection: here, its evaluator.</summary>
    public sealed class AnomalyDetectionCatalog
    {
        internal AnomalyDetectionCatalog(MLContext environment) => Environment = environment;

        internal MLContext Environment { get; }

        /// <summary>
        /// AUC and detection rate at <paramref name="falsePositiveCount"/> false positives. The label is Single (&gt; 0 is
        /// an anomaly, NaN is skipped) or a key of two values; the score is a scalar Single (non-finite scores are skipped).
        /// </summary>
        public AnomalyDetectionMetrics Evaluate(IDataView data, string labelColumnName = "Label", string scoreColumnName = "Score",
            string predictedLabelColumnName = "PredictedLabel", int falsePositiveCount = 10)
        {
            if (data == null)
                throw new ArgumentNullException(nameof(data));
            CheckNonEmpty(labelColumnName, nameof(labelColumnName));
            CheckNonEmpty(scoreColumnName, nameof(scoreColumnName));
            CheckNonEmpty(predictedLabelColumnName, nameof(predictedLabelColumnName));
            if (falsePositiveCount <= 0)
                throw new ArgumentOutOfRangeException(nameof(falsePositiveCount), "Must be positive");

            var schema = data.Schema;
            var score = SchemaErrors.Find(schema, scoreColumnName, "score", "schema");
            if (!score.Type.Equals(NumberDataViewType.Single))
                throw SchemaErrors.Mismatch("schema", "score", score.Name, "Single", score.Type.ToString());
            var label = SchemaErrors.Find(schema, labelColumnName, "label", "schema");
            if (!label.Type.Equals(NumberDataViewType.Single) && !(label.Type is KeyDataViewType { Count: 2 }))
                throw SchemaErrors.Mismatch("schema", "label", label.Name, "Single or a Key with cardinality 2", label.Type.ToString());
            SchemaErrors.Find(schema, predictedLabelColumnName, "predicted label", "schema");

            var rows = new List<(float Label, float Score)>();
            using (var cursor = data.GetRowCursor(new[] { label, score }))
            {
                var readLabel = LabelGetter(cursor, label);
                var readScore = cursor.GetGetter<float>(score);
                float l = 0, s = 0;
                while (cursor.MoveNext())
                {
                    l = readLabel();
                    if (float.IsNaN(l))
                        continue;
                    readScore(ref s);
                    if (!float.IsFinite(s))
                        continue;
                    rows.Add((l, s));
                }
            }
            return new AnomalyDetectionMetrics(Auc(rows), DetectionRate(rows, falsePositiveCount));
        }

        private static void CheckNonEmpty(string value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
                throw new ArgumentException("String must not be null or empty", name);
        }

        // Keys read as their index: value k (1-based) is label k - 1, so the second key value is the anomaly; 0 is missing.
        private static Func<float> LabelGetter(DataViewRow row, DataViewSchema.Column label)
        {
            if (label.Type is KeyDataViewType)
            {
                var raw = label.Type.RawType;
                if (raw == typeof(uint)) { var g = row.GetGetter<uint>(label); return () => { uint v = 0; g(ref v); return v == 0 ? float.NaN : v - 1; }; }
                if (raw == typeof(byte)) { var g = row.GetGetter<byte>(label); return () => { byte v = 0; g(ref v); return v == 0 ? float.NaN : v - 1; }; }
                if (raw == typeof(ushort)) { var g = row.GetGetter<ushort>(label); return () => { ushort v = 0; g(ref v); return v == 0 ? float.NaN : v - 1; }; }
                var g64 = row.GetGetter<ulong>(label);
                return () => { ulong v = 0; g64(ref v); return v == 0 ? float.NaN : v - 1; };
            }
            var single = row.GetGetter<float>(label);
            return () => { float v = 0; single(ref v); return v; };
        }

        // Exact AUC over every (anomaly, normal) pair, ties counting half; NaN unless both classes are present.
        private static double Auc(List<(float Label, float Score)> rows)
        {
            long positives = rows.LongCount(r => r.Label > 0), negatives = rows.Count - positives;
            if (positives == 0 || negatives == 0)
                return double.NaN;
            var sorted = rows.OrderBy(r => r.Score).ToArray();
            double pairs = 0;
            long negativesBelow = 0;
            for (int i = 0; i < sorted.Length;)
            {
                int j = i;
                long tiedPositives = 0, tiedNegatives = 0;
                for (; j < sorted.Length && sorted[j].Score == sorted[i].Score; j++)
                {
                    if (sorted[j].Label > 0) tiedPositives++;
                    else tiedNegatives++;
                }
                pairs += tiedPositives * (negativesBelow + 0.5 * tiedNegatives);
                negativesBelow += tiedNegatives;
                i = j;
            }
            return pairs / ((double)positives * negatives);
        }

        // Highest scores first; stop at the (k+1)-th false positive. NaN when all rows, or none, are anomalies.
        private static double DetectionRate(List<(float Label, float Score)> rows, int falsePositives)
        {
            long anomalies = rows.LongCount(r => r.Label > 0);
            if (anomalies == 0 || anomalies == rows.Count)
                return double.NaN;
            int found = 0, wrong = 0;
            foreach (var row in rows.OrderByDescending(r => r.Score))
            {
                if (row.Label > 0)
                    found++;
                else if (++wrong > falsePositives)
                    break;
            }
            return (double)found / anomalies;
        }
    }
}

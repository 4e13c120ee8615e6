using System.Linq;
using Generative.ML.Training.Data;

namespace Generative.ML.Estimators.Fitting
{
    /// <summary>What a label column says of the kept training rows: known anomalies (1), known normal rows (0), the rest unknown.</summary>
    internal sealed class KnownLabels
    {
        public KnownLabels(float[] labels, string column)
        {
            Column = column;
            Anomalies = Enumerable.Range(0, labels.Length).Where(i => labels[i] == 1).ToArray();
            Normals = Enumerable.Range(0, labels.Length).Where(i => labels[i] == 0).ToArray();
            NotAnomalies = Enumerable.Range(0, labels.Length).Where(i => labels[i] != 1).ToArray();
            if (NotAnomalies.Length == 0)
                throw new InvalidTrainingDataException(
                    $"Label column '{column}' marks every one of the {labels.Length} rows as a known anomaly: no row is left to learn normal rows from.", column);
        }

        /// <summary>The label column's name, for messages.</summary>
        public string Column { get; }

        /// <summary>Rows (indices into the kept rows) marked as known anomalies.</summary>
        public int[] Anomalies { get; }

        /// <summary>Rows marked as known normal.</summary>
        public int[] Normals { get; }

        /// <summary>Every row but the known anomalies: what the model trains on.</summary>
        public int[] NotAnomalies { get; }
    }
}

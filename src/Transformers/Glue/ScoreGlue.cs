using System;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Generative.ML.Transformers.Glue
{
    /// <summary>
    /// The scorer graph's per-row outputs as ML.NET's ONNX transform gives them: one-element vectors (ML.NET turns every
    /// ONNX output into a vector). The column names are part of the saved contract and never change.
    /// </summary>
    public sealed class ScoreVectors
    {
        public const string ScoreColumn = "GenerativeML.ScoreVector", LabelColumn = "GenerativeML.LabelVector";

        [ColumnName(ScoreColumn), VectorType(1)]
        public float[] Score { get; set; } = Array.Empty<float>();

        [ColumnName(LabelColumn), VectorType(1)]
        public bool[] Label { get; set; } = Array.Empty<bool>();
    }

    /// <summary>The scalar columns ML.NET's anomaly evaluator and users expect.</summary>
    public sealed class AnomalyColumns
    {
        /// <summary>Higher is more anomalous.</summary>
        public float Score { get; set; }

        /// <summary>Score above the threshold calibrated at training time (it lives in the ONNX graph).</summary>
        public bool PredictedLabel { get; set; }
    }

    /// <summary>
    /// One-element vectors to scalars. Stateless, as ML.NET's saveable custom mappings must be: the threshold is in the
    /// graph. Saved pipelines store the contract name, which never changes once released.
    /// </summary>
    [CustomMappingFactoryAttribute(Contract)]
    public sealed class ScoreGlueFactory : CustomMappingFactory<ScoreVectors, AnomalyColumns>
    {
        public const string Contract = "Generative.ML.Score.v1";

        public static void Map(ScoreVectors input, AnomalyColumns output)
        {
            output.Score = input.Score[0];
            output.PredictedLabel = input.Label[0];
        }

        public override Action<ScoreVectors, AnomalyColumns> GetMapping() => Map;
    }
}

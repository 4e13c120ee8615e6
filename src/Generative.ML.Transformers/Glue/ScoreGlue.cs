using System;
using Generative.ML.Graphs;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Generative.ML.Transformers.Glue
{
    /// <summary>
    /// The scorer graph's score and label (1 or 0) side by side, as ML.NET's ONNX transform gives them: a two-element
    /// vector (ML.NET turns every ONNX output into a vector; one output fetched per row is cheaper than two). The column
    /// names are part of the saved contract and never change; the score and label outputs are also published apart,
    /// for the batch API.
    /// </summary>
    public sealed class ScoreVectors
    {
        /// <summary>Score and label (1 or 0).</summary>
        [ColumnName(GraphContract.Pipeline.ScoreAndLabel), VectorType(2)]
        public float[] ScoreAndLabel { get; set; } = Array.Empty<float>();
    }

    /// <summary>
    /// The score and label as scalars, under internal names: the transform copies them to the user's column names (Score
    /// and PredictedLabel by default) and drops these, so that two detectors in one pipeline keep their own columns.
    /// </summary>
    public sealed class AnomalyColumns
    {
        internal const string ScoreName = "GenerativeML.Score";
        internal const string LabelName = "GenerativeML.PredictedLabel";

        /// <summary>Higher is more anomalous.</summary>
        [ColumnName(ScoreName)]
        public float Score { get; set; }

        /// <summary>Score above the threshold (it lives in the ONNX graph).</summary>
        [ColumnName(LabelName)]
        public bool PredictedLabel { get; set; }
    }

    /// <summary>
    /// A two-element vector to two scalars. Stateless, as ML.NET's saveable custom mappings must be: the threshold is in the
    /// graph. Saved pipelines store the contract name, which never changes once released.
    /// </summary>
    [CustomMappingFactoryAttribute(Contract)]
    public sealed class ScoreGlueFactory : CustomMappingFactory<ScoreVectors, AnomalyColumns>
    {
        /// <summary>The name saved pipelines find this mapping by; it never changes.</summary>
        public const string Contract = "Generative.ML.Score.v2";

        /// <summary>Splits the vector into Score and PredictedLabel.</summary>
        public static void Map(ScoreVectors input, AnomalyColumns output)
        {
            output.Score = input.ScoreAndLabel[0];
            output.PredictedLabel = input.ScoreAndLabel[1] > 0.5f;
        }

        /// <inheritdoc/>
        public override Action<ScoreVectors, AnomalyColumns> GetMapping() => Map;
    }
}

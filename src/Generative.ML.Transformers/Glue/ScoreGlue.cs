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

    /// <summary>The scalar columns ML.NET's anomaly evaluator and users expect.</summary>
    public sealed class AnomalyColumns
    {
        /// <summary>Higher is more anomalous.</summary>
        public float Score { get; set; }

        /// <summary>Score above the threshold calibrated at training time (it lives in the ONNX graph).</summary>
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
        public const string Contract = "Generative.ML.Score.v1";

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

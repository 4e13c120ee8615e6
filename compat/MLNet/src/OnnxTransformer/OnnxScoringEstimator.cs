using System;
using System.Linq;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.Transforms.Onnx
{
    /// <summary>
    /// Applies a pre-trained ONNX model. Nothing is learned: Fit checks the data's schema and returns the transformer
    /// made when the estimator was (the ONNX session is opened then, so a bad model fails at ApplyOnnxModel).
    /// </summary>
    public sealed class OnnxScoringEstimator : TrivialEstimator<OnnxTransformer>
    {
        internal OnnxScoringEstimator(OnnxTransformer transformer)
            : base(transformer)
        {
        }

        public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            if (inputSchema == null)
                throw new ArgumentNullException(nameof(inputSchema));
            foreach (var input in Transformer.Inputs)
            {
                var column = SchemaErrors.Find(inputSchema, input.Name, "input", nameof(inputSchema));
                if (column.IsKey || !column.ItemType.Equals(input.ItemType))
                    throw SchemaErrors.Mismatch(nameof(inputSchema), "input", input.Name, input.ColumnType.ToString(), column.GetTypeString());
            }
            var outputs = Transformer.Outputs.Select(o => new SchemaShape.Column(o.Name,
                o.ColumnType.IsKnownSize ? SchemaShape.Column.VectorKind.Vector : SchemaShape.Column.VectorKind.VariableVector, o.ItemType, false));
            return Shapes.With(inputSchema, outputs.ToArray());
        }
    }
}

using System;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Transformers
{
    /// <summary>
    /// A fitted encode, reconstruct or anomaly-score transform. It is made of ML.NET's own saveable transformers (the
    /// ONNX transform over the exported graph, a custom mapping with a contract name, column drops), because code outside
    /// ML.NET cannot write a transformer of its own into a model file: it saves as that chain, and
    /// <c>mlContext.Model.Load</c> gives the chain back, in a process that needs no TorchSharp.
    /// </summary>
    public sealed class GenerativeTransformer : ITransformer, ICanSaveModel
    {
        readonly ITransformer _chain;

        public GenerativeTransformer(ITransformer chain, byte[] onnxModel, float? anomalyThreshold)
        {
            _chain = chain ?? throw new ArgumentNullException(nameof(chain));
            OnnxModel = onnxModel ?? throw new ArgumentNullException(nameof(onnxModel));
            AnomalyThreshold = anomalyThreshold;
        }

        /// <summary>The ONNX graph this transform runs (encoder, decoder or scorer), as file bytes.</summary>
        public byte[] OnnxModel { get; }

        /// <summary>The score above which a row is labelled an anomaly; null for transforms that do not score.</summary>
        public float? AnomalyThreshold { get; }

        /// <summary>The plain ML.NET chain this transform saves as.</summary>
        public ITransformer Chain => _chain;

        public bool IsRowToRowMapper => _chain.IsRowToRowMapper;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _chain.GetOutputSchema(inputSchema);

        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _chain.GetRowToRowMapper(inputSchema);

        public IDataView Transform(IDataView input) => _chain.Transform(input);

        void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_chain).Save(ctx);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Graphs;
using Generative.ML.Transformers.Batching;
using Generative.ML.Transformers.Glue;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Transformers
{
    /// <summary>
    /// A fitted encode, reconstruct, anomaly-score or decode transform. It is made of ML.NET's own saveable
    /// transformers (the ONNX transform over an exported graph, a custom mapping with a contract name, column copies and
    /// drops), because code outside ML.NET cannot write a transformer of its own into a model file: it saves as that
    /// chain, and <c>mlContext.Model.Load</c> gives the chain back, in a process that needs no TorchSharp. The same
    /// training gives the other transforms, the direct batch API and samples without training again.
    /// </summary>
    public sealed class GenerativeTransformer : ITransformer, ICanSaveModel, IDisposable
    {
        readonly ITransformer _chain;
        readonly ScoringOptions? _scoring;
        readonly Lazy<GraphRunner>? _runner;
        Func<ModelGraphs, GenerativeTransformer>? _rebuild;
        readonly SessionGate _gate = new(nameof(GenerativeTransformer),
            "Transform's view is read lazily, when its rows are read: read it, or cache it, before disposing the transform.");

        GenerativeTransformer(ModelGraphs graphs, ITransformer chain, byte[] onnxModel, ScoringOptions? scoring, params OutputColumn[] batched)
        {
            Graphs = graphs;
            _chain = chain;
            OnnxModel = onnxModel;
            _scoring = scoring;
            // Blocks of rows go through graphs of one input; the conditional VAE's take two, and score through the chain.
            if (batched.Length > 0 && graphs.ConditionColumnName is null)
                _runner = new(() => new GraphRunner(onnxModel, graphs.InputColumnName, graphs.InputSize, batched, scoring, _gate));
        }

        /// <summary>The trained model's graphs (encoder, decoder, scorer and sampler; no encoder for the GAN) and their input names.</summary>
        public ModelGraphs Graphs { get; }

        /// <summary>The ONNX graph this transform runs, as file bytes.</summary>
        public byte[] OnnxModel { get; }

        /// <summary>The score above which PredictedLabel is true (at Fit, the training scores' (1 - Contamination) quantile).</summary>
        public float AnomalyThreshold => Graphs.AnomalyThreshold;

        /// <summary>
        /// What the model is and how it was trained: family, sizes, epochs and steps run, the loss per epoch, scaling, score,
        /// threshold and the contamination it came from, package versions. Saved with the model: <c>LoadBatched</c> gives it back.
        /// </summary>
        public ModelCard ModelCard => Graphs.Card ?? throw new InvalidOperationException("These graphs carry no model card (they were exported outside Fit).");

        /// <summary>
        /// The same transform with another threshold, without training: rows scoring above <paramref name="threshold"/>
        /// are labelled anomalies. The threshold is written into the scorer graph, so the transform saves with it.
        /// </summary>
        public GenerativeTransformer WithThreshold(float threshold)
        {
            if (float.IsNaN(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold is NaN.");
            return Rebuilt(ModelCard.WithThreshold(threshold, contamination: null));
        }

        /// <summary>
        /// The same transform with the threshold that leaves a <paramref name="contamination"/> share of the training rows
        /// above it (the rule Fit uses, read from the training scores' quantiles in the model card), without training.
        /// </summary>
        public GenerativeTransformer WithContamination(double contamination)
        {
            if (!(contamination > 0 && contamination < 0.5))
                throw new ArgumentOutOfRangeException(nameof(contamination), contamination, "The contamination must be in (0, 0.5).");
            var card = ModelCard;
            if (card.ScoreKnots.Count == 0) throw new InvalidOperationException("The model card has no training scores to take a quantile of.");
            return Rebuilt(card.WithThreshold(Quantiles.Threshold(card.ScoreKnots.ToArray(), contamination), contamination));
        }

        GenerativeTransformer Rebuilt(ModelCard card)
        {
            _gate.ThrowIfClosed();
            if (Graphs.Scorer is null) throw new InvalidOperationException("Only a transform that holds the scorer graph has a threshold to move.");
            var rebuild = _rebuild ?? throw new InvalidOperationException("This transform cannot be rebuilt.");
            return rebuild(Graphs.WithCard(card));
        }

        GenerativeTransformer RebuiltBy(Func<ModelGraphs, GenerativeTransformer> rebuild)
        {
            _rebuild = rebuild;
            return this;
        }

        /// <summary>The plain ML.NET chain this transform saves as.</summary>
        public ITransformer Chain => _chain;

        /// <summary>The code, or the VAE's posterior mean (and optionally its log-variance), as known-size Single vectors.</summary>
        /// <param name="codeIndicesColumnName">VQ models: each row's code index per quantiser stage, as a Single vector of CodeIndicesSize.</param>
        internal static GenerativeTransformer ForEncode(ModelGraphs graphs, string outputColumnName, string? logVarianceColumnName = null,
                                                      ScoringOptions? scoring = null, string? codeIndicesColumnName = null)
        {
            graphs.RequireEncoder("encode");
            if (logVarianceColumnName is not null && !graphs.HasLogVariance)
                throw new ArgumentException("Only the VAE family has a posterior log-variance.", nameof(logVarianceColumnName));
            if (codeIndicesColumnName is not null && graphs.CodeIndicesSize == 0)
                throw new ArgumentException("Only VQ models have code indices.", nameof(codeIndicesColumnName));
            var outputs = new List<OutputColumn> { new(outputColumnName, GraphContract.Pipeline.Encoded, graphs.LatentSize, false, false) };
            if (logVarianceColumnName is not null) outputs.Add(new(logVarianceColumnName, GraphContract.Pipeline.LogVariance, graphs.LatentSize, false, false));
            if (codeIndicesColumnName is not null) outputs.Add(new(codeIndicesColumnName, GraphContract.Pipeline.CodeIndices, graphs.CodeIndicesSize, false, false));
            return new GenerativeTransformer(graphs, TransformChains.Encode(graphs, outputColumnName, logVarianceColumnName, scoring, codeIndicesColumnName),
                                             graphs.Encoder!, scoring, outputs.ToArray())
                .RebuiltBy(g => ForEncode(g, outputColumnName, logVarianceColumnName, scoring, codeIndicesColumnName));
        }

        /// <summary>The reconstruction of each row (the mean of p(x | z = mu) for VAEs).</summary>
        internal static GenerativeTransformer ForReconstruct(ModelGraphs graphs, string outputColumnName, ScoringOptions? scoring = null) =>
            new GenerativeTransformer(graphs, TransformChains.Reconstruct(graphs, outputColumnName, scoring), ModelGraphs.Require(graphs.Scorer, "reconstruct"),
                                      scoring, new OutputColumn(outputColumnName, GraphContract.Pipeline.Reconstructed, graphs.InputSize, false, false))
                .RebuiltBy(g => ForReconstruct(g, outputColumnName, scoring));

        /// <summary>Score (Single) and PredictedLabel (Boolean); with a name, also each feature's share of the score.</summary>
        internal static GenerativeTransformer ForAnomalyScore(ModelGraphs graphs, string? contributionsColumnName = null, ScoringOptions? scoring = null,
                                                              string scoreColumnName = "Score", string labelColumnName = "PredictedLabel")
        {
            var outputs = new List<OutputColumn> {
                new(scoreColumnName, GraphContract.Pipeline.ScoreVector, 1, true, false),
                new(labelColumnName, GraphContract.Pipeline.LabelVector, 1, true, true),
            };
            if (contributionsColumnName is not null) outputs.Add(new(contributionsColumnName, GraphContract.Pipeline.Contributions, graphs.InputSize, false, false));
            return new GenerativeTransformer(graphs, TransformChains.AnomalyScore(graphs, contributionsColumnName, scoring, scoreColumnName, labelColumnName),
                                             ModelGraphs.Require(graphs.Scorer, "score"), scoring, outputs.ToArray())
                .RebuiltBy(g => ForAnomalyScore(g, contributionsColumnName, scoring, scoreColumnName, labelColumnName));
        }

        /// <summary>Rows generated from the latent vectors in <paramref name="latentColumnName"/> (LatentSize Singles each).</summary>
        internal static GenerativeTransformer ForDecode(ModelGraphs graphs, string outputColumnName, string latentColumnName, ScoringOptions? scoring = null) =>
            new GenerativeTransformer(graphs, TransformChains.Decode(graphs, outputColumnName, latentColumnName, scoring), ModelGraphs.Require(graphs.Decoder, "decode"),
                                      scoring).RebuiltBy(g => ForDecode(g, outputColumnName, latentColumnName, scoring));

        /// <summary>A generated row per input row, decided by the row's Single seed (equal seeds, equal rows); unconditional models.</summary>
        internal static GenerativeTransformer ForSample(ModelGraphs graphs, string outputColumnName, string seedColumnName, ScoringOptions? scoring = null) =>
            new GenerativeTransformer(graphs, TransformChains.Sample(graphs, outputColumnName, seedColumnName, scoring, NumberDataViewType.Int64), graphs.Sampler!,
                                      scoring).RebuiltBy(g => ForSample(g, outputColumnName, seedColumnName, scoring)); // the chain refused a model without one

        /// <summary>
        /// The same model as a sampling transform: a generated row per input row, decided by its integer seed (an Int32,
        /// UInt32 or Int64 column): equal seeds give equal rows, distinct seeds distinct rows.
        /// </summary>
        public GenerativeTransformer Sample(string outputColumnName, string seedColumnName) => ForSample(Graphs, outputColumnName, seedColumnName, _scoring);

        /// <summary>The same model as an encoding transform.</summary>
        public GenerativeTransformer Encode(string outputColumnName, string? logVarianceColumnName = null, string? codeIndicesColumnName = null) =>
            ForEncode(Graphs, outputColumnName, logVarianceColumnName, _scoring, codeIndicesColumnName);

        /// <summary>The same model as a reconstructing transform.</summary>
        public GenerativeTransformer Reconstruct(string outputColumnName) => ForReconstruct(Graphs, outputColumnName, _scoring);

        /// <summary>The same model as an anomaly-scoring transform: the score, its label and, with a name, each feature's share.</summary>
        public GenerativeTransformer AnomalyScore(string scoreColumnName = "Score", string labelColumnName = "PredictedLabel",
                                                  string? contributionsColumnName = "FeatureContributions") =>
            ForAnomalyScore(Graphs, contributionsColumnName, _scoring, scoreColumnName, labelColumnName);

        /// <summary>The same model as a decoding transform: latent vectors to rows.</summary>
        public GenerativeTransformer Decode(string outputColumnName, string latentColumnName) => ForDecode(Graphs, outputColumnName, latentColumnName, _scoring);

        /// <summary>The direct batch API over the same graphs (dispose it when done).</summary>
        public BatchScorer CreateBatchScorer() => new(Graphs, _scoring);

        /// <summary>
        /// <paramref name="count"/> generated rows as a data view with one column of InputSize Singles, decoded from
        /// z ~ N(0, I) drawn with <paramref name="seed"/> (VQ models: code combinations drawn from the training rows' shares):
        /// the same seed gives the same rows.
        /// </summary>
        public IDataView Sample(MLContext mlContext, int count, int seed, string columnName = "Features")
        {
            if (mlContext is null) throw new ArgumentNullException(nameof(mlContext));
            float[] values;
            using (var scorer = CreateBatchScorer()) values = scorer.Sample(count, seed);
            var width = Graphs.InputSize;
            var rows = Enumerable.Range(0, count).Select(i => new GeneratedRow { Features = values.AsSpan(i * width, width).ToArray() }).ToArray();
            var definition = SchemaDefinition.Create(typeof(GeneratedRow));
            definition[0].ColumnName = columnName;
            definition[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
            return mlContext.Data.LoadFromEnumerable(rows, definition);
        }

        sealed class GeneratedRow
        {
            public float[] Features { get; set; } = Array.Empty<float>();
        }

        /// <inheritdoc/>
        public bool IsRowToRowMapper => _chain.IsRowToRowMapper;

        /// <inheritdoc/>
        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _chain.GetOutputSchema(inputSchema);

        /// <inheritdoc/>
        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
        {
            _gate.ThrowIfClosed();
            return new GatedView.Mapper(_chain.GetRowToRowMapper(inputSchema), _gate);
        }

        /// <summary>
        /// In memory, blocks of <see cref="BatchedView.BlockRows"/> rows go through ONNX Runtime in one call each (ML.NET's
        /// ONNX transform makes one call per row); the values are the chain's. A saved and loaded model is the plain chain.
        /// </summary>
        public IDataView Transform(IDataView input)
        {
            _gate.ThrowIfClosed();
            var chained = _chain.Transform(input);
            return (_runner is null ? null : (IDataView?)BatchedView.TryCreate(input, chained.Schema, _runner.Value)) ?? new GatedView(chained, _gate);
        }

        void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_chain).Save(ctx);

        /// <summary>
        /// Releases the ONNX Runtime sessions this transform holds: its batched runner's, and those of ML.NET's ONNX
        /// transforms in its chain. Transforms made from it (Encode, Sample, ...) have their own and stay usable.
        /// </summary>
        public void Dispose() => _gate.Close(() => {
            if (_runner is { IsValueCreated: true }) _runner.Value.Dispose();
            ReleaseSessions(_chain);
        });

        /// <summary>Disposes the ONNX transforms in <paramref name="transformer"/>, however deep in chains they sit.</summary>
        internal static void ReleaseSessions(ITransformer transformer)
        {
            if (transformer is IDisposable disposable) disposable.Dispose();
            else if (transformer is IEnumerable<ITransformer> chain) foreach (var part in chain) ReleaseSessions(part);
        }
    }
}

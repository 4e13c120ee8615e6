using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Estimators.Fitting;
using Generative.ML.Graphs;
using Generative.ML.Training.Data;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using Generative.ML.Training.Platform;
using Generative.ML.Transformers;
using Generative.ML.Transformers.Glue;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators
{
    /// <summary>What a fitted transform gives.</summary>
    public enum GenerativeOutput
    {
        /// <summary>The code, or the VAE's posterior mean: a known-size Single vector of LatentSize.</summary>
        Encode,
        /// <summary>decode(encode(x)): the mean of p(x | z = mu), a vector of the input's size.</summary>
        Reconstruct,
        /// <summary>Score (Single, higher = more anomalous) and PredictedLabel (Boolean).</summary>
        AnomalyScore,
        /// <summary>A generated row per input row, decided by a Single seed column: a vector of the input's size.</summary>
        Sample,
    }

    /// <summary>
    /// Trains an autoencoder, VAE, VQ-VAE, adversarial autoencoder, VAE-GAN or GAN on Fit (TorchSharp), exports it to ONNX and returns a <see cref="GenerativeTransformer"/>
    /// built from ML.NET's own saveable transforms. Made by the catalog methods (VaeEncode, VaeAnomalyScore, ...).
    /// </summary>
    public sealed class GenerativeEstimator : IEstimator<GenerativeTransformer>
    {
        readonly GenerativeOutput _output;
        readonly string _outputColumn, _inputColumn;
        readonly string? _seedColumn;
        readonly GenerativeEstimatorOptions _options;

        internal GenerativeEstimator(GenerativeOutput output, string outputColumnName, string inputColumnName, GenerativeEstimatorOptions options,
                                     string? seedColumnName = null)
        {
            if (output == GenerativeOutput.Sample && string.IsNullOrWhiteSpace(seedColumnName))
                throw new ArgumentException("Sampling needs a seed column.", nameof(seedColumnName));
            _seedColumn = seedColumnName;
            if (string.IsNullOrWhiteSpace(inputColumnName)) throw new ArgumentException("The input column name is empty.", nameof(inputColumnName));
            if (string.IsNullOrWhiteSpace(outputColumnName)) throw new ArgumentException("The output column name is empty.", nameof(outputColumnName));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _options.Validate();
            var needs = output switch {
                GenerativeOutput.Encode => ModelCapabilities.Encode,
                GenerativeOutput.Reconstruct => ModelCapabilities.Reconstruct,
                GenerativeOutput.Sample => ModelCapabilities.Sample,
                _ => ModelCapabilities.Score,
            };
            if (!options.Capabilities.HasFlag(needs))
                throw new ArgumentException($"A {options.FamilyName} cannot {output.ToString().ToLowerInvariant()}: it can {Describe(options.Capabilities)}.", nameof(output));
            _output = output;
            _outputColumn = outputColumnName;
            _inputColumn = inputColumnName;
        }

        /// <summary>Checks the input column before any work; the new columns' shapes are borrowed from ML.NET's transforms.</summary>
        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            FeatureColumn.Check(inputSchema, _inputColumn);
            if (_seedColumn is not null) FeatureColumn.CheckSeed(inputSchema, _seedColumn);
            if (_options.ConditionColumn is string condition) FeatureColumn.Check(inputSchema, condition);
            var ml = new MLContext();
            if (_output != GenerativeOutput.AnomalyScore) {
                var output = ml.Transforms.Concatenate(_outputColumn, _inputColumn).GetOutputSchema(inputSchema);
                if (_output != GenerativeOutput.Encode) return output;
                if (_options.LogVarianceColumn is string logvar)
                    output = ml.Transforms.Concatenate(logvar, _inputColumn).GetOutputSchema(output);
                if (_options.CodeIndicesColumn is string indices)
                    output = ml.Transforms.Concatenate(indices, _inputColumn).GetOutputSchema(output);
                return output;
            }
            var scores = ml.Transforms.CustomMapping<NoColumns, AnomalyColumns>((_, _) => { }, contractName: null).GetOutputSchema(inputSchema);
            return _options.FeatureContributionsColumnName is string contributions
                ? ml.Transforms.Concatenate(contributions, _inputColumn).GetOutputSchema(scores)
                : scores;
        }

        /// <summary>Trains on the input column's rows, exports the graphs and returns the fitted transform.</summary>
        public GenerativeTransformer Fit(IDataView input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            if (_seedColumn is not null) FeatureColumn.CheckSeed(input.Schema, _seedColumn);
            var scoring = new ScoringOptions { GpuDeviceId = _options.GpuDeviceId, FallbackToCpu = _options.FallbackToCpu };
            scoring.Validate(); // a GPU that this application cannot use fails now, not after training
            LibTorchRuntime.EnsureAvailable(); // no libtorch (no TorchSharp-cpu package): one sentence saying so, not TorchSharp's
            var conditionColumn = _options.ConditionColumn;
            // At most MaxTrainingRows rows are kept (a uniform sample of a larger table): memory does not grow with the table.
            var data = FeatureColumn.Read(input, _inputColumn, conditionColumn, _options.MaxTrainingRowsFor, _options.Seed).Data;
            var scaling = _options.ScalesFeatures ? FeatureScaling.Fit(data, _options.FeatureScaling) : null;
            var members = new List<GenerativeModel>();
            try {
                return Fit(data, scaling, members, conditionColumn, scoring);
            } finally {
                foreach (var m in members) m.Dispose();
            }
        }

        GenerativeTransformer Fit(TrainingData data, FeatureScaling? scaling, List<GenerativeModel> members, string? conditionColumn, ScoringOptions scoring)
        {
            var scaled = scaling?.Apply(data) ?? data;
            // Ensemble members differ only in their seed (initial weights, shuffling, noise): Seed, Seed + 1, ...
            for (var i = 0; i < _options.EnsembleSize; i++) {
                var member = _options.CreateModel(data.FeatureCount, data.ConditionCount);
                members.Add(member);
                new Trainer(_options.TrainerOptions(_options.Seed + i)).Fit(member, scaled, _options.Progress, _options.CancellationToken);
                _options.AfterTraining(member, scaled);
            }
            var model = members[0];

            // One export serves every transform: the graphs read the input column by its name, the rest is internal.
            var names = GraphContract.PipelineNames(_inputColumn, conditionColumn);
            var score = _options.ScoreKind;
            ModelGraphs Export(float? threshold, IReadOnlyList<GenerativeModel> models, IReadOnlyList<ScoreNormalization>? normalization)
            {
                var options = new OnnxExportOptions {
                    AnomalyThreshold = threshold, Score = score, Names = names, SamplerNoiseWidth = GraphContract.Pipeline.NoiseWidth, Scaling = scaling,
                };
                var exported = normalization is null ? OnnxExporter.Export(models[0], options) : OnnxExporter.ExportEnsemble(models, normalization, options);
                return new ModelGraphs(exported.Encoder, exported.Decoder, exported.Scorer, _inputColumn, data.FeatureCount, (int)model.LatentSize,
                                       threshold ?? float.PositiveInfinity, hasLogVariance: exported.EncoderOutputs.ContainsKey(GraphContract.LogVariance), exported.Sampler,
                                       conditionColumn, data.ConditionCount, codeIndicesSize: (int)exported.EncoderOutputs.GetValueOrDefault(GraphContract.CodeIndices));
            }
            var normalization = members.Count == 1 ? null : members.Select(m => Calibration.Normalization(Export(null, new[] { m }, null), data)).ToList();
            var graphs = Export(Calibration.Threshold(Export(null, members, normalization), data, _options.Contamination), members, normalization);
            return _output switch {
                GenerativeOutput.Encode => GenerativeTransformer.ForEncode(graphs, _outputColumn, _options.LogVarianceColumn, scoring, _options.CodeIndicesColumn),
                GenerativeOutput.Sample => GenerativeTransformer.ForSample(graphs, _outputColumn, _seedColumn!, scoring),
                GenerativeOutput.Reconstruct => GenerativeTransformer.ForReconstruct(graphs, _outputColumn, scoring),
                _ => GenerativeTransformer.ForAnomalyScore(graphs, _options.FeatureContributionsColumnName, scoring),
            };
        }

        static string Describe(ModelCapabilities capabilities) =>
            string.Join(", ", new[] { ModelCapabilities.Encode, ModelCapabilities.Reconstruct, ModelCapabilities.Sample, ModelCapabilities.Score }
                .Where(c => capabilities.HasFlag(c)).Select(c => c.ToString().ToLowerInvariant()));

        /// <summary>A class without columns: a custom mapping over it only adds its output's columns (for GetOutputSchema).</summary>
        sealed class NoColumns { }
    }
}

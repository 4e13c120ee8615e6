using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Estimators.Fitting;
using Generative.ML.Graphs;
using Generative.ML.Training.Data;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Onnx;
using Generative.ML.Training.Optimization;
using Generative.ML.Training.Platform;
using Generative.ML.Transformers;
using Generative.ML.Transformers.Glue;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Generative.ML.Estimators
{
    /// <summary>What a fitted transform gives.</summary>
    internal enum GenerativeOutput
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
        readonly IHostEnvironment _environment;
        readonly Func<bool>? _cancelled;
        int? _contextSeed;

        /// <param name="catalog">The catalog the estimator was made from: its MLContext gives the seed where the options set none.</param>
        internal GenerativeEstimator(object catalog, GenerativeOutput output, string outputColumnName, string inputColumnName, GenerativeEstimatorOptions options,
                                     string? seedColumnName = null)
        {
            _environment = ContextSeed.Environment(catalog);
            _cancelled = ContextCancellation.Of(_environment);
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
            if (options.LabelColumnName is not null && output != GenerativeOutput.AnomalyScore)
                throw new ArgumentException($"The label column '{options.LabelColumnName}' is read by the anomaly-score transforms only; leave LabelColumnName null here.",
                                            nameof(options));
            if (output == GenerativeOutput.AnomalyScore) {
                var names = new[] { outputColumnName, options.PredictedLabelColumnName, options.FeatureContributionsColumnName }.Where(n => n is not null).ToArray();
                if (names.Distinct().Count() != names.Length)
                    throw new ArgumentException($"The score, label and contributions columns need distinct names; they are {string.Join(", ", names.Select(n => $"'{n}'"))}.",
                                                nameof(outputColumnName));
            }
            _output = output;
            _outputColumn = outputColumnName;
            _inputColumn = inputColumnName;
            if (options.Seed is null) _contextSeed = ContextSeed.Draw(_environment);
        }

        /// <summary>The options' seed, or the one drawn from the MLContext.</summary>
        int Seed => _options.Seed ?? (_contextSeed ??= ContextSeed.Draw(_environment));

        /// <summary>Checks the input column before any work; the new columns' shapes are borrowed from ML.NET's transforms.</summary>
        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            FeatureColumn.Check(inputSchema, _inputColumn);
            if (_seedColumn is not null) FeatureColumn.CheckSeed(inputSchema, _seedColumn);
            if (_options.ConditionColumn is string condition) FeatureColumn.Check(inputSchema, condition);
            if (_output == GenerativeOutput.AnomalyScore && _options.LabelColumnName is string label) FeatureColumn.CheckLabel(inputSchema, label);
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
            scores = ml.Transforms.CopyColumns(_outputColumn, AnomalyColumns.ScoreName).GetOutputSchema(scores);
            scores = ml.Transforms.CopyColumns(_options.PredictedLabelColumnName, AnomalyColumns.LabelName).GetOutputSchema(scores);
            if (_options.FeatureContributionsColumnName is string contributions)
                scores = ml.Transforms.Concatenate(contributions, _inputColumn).GetOutputSchema(scores);
            return ml.Transforms.DropColumns(AnomalyColumns.ScoreName, AnomalyColumns.LabelName).GetOutputSchema(scores);
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
            var labelColumn = _output == GenerativeOutput.AnomalyScore ? _options.LabelColumnName : null;
            var sample = FeatureColumn.Read(input, _inputColumn, conditionColumn, _options.MaxTrainingRowsFor, Seed, labelColumn);
            var labels = sample.Labels is null ? null : new KnownLabels(sample.Labels, labelColumn!);
            // Known anomalies never reach the training objective, the scaling or the training scores the threshold reads.
            var data = labels is null ? sample.Data : sample.Data.Subset(labels.NotAnomalies);
            var scaling = _options.ScalesFeatures ? FeatureScaling.Fit(data, _options.FeatureScaling) : null;
            var members = new List<GenerativeModel>();
            try {
                var choice = labels is null ? null : new LabelledChoice(_options, labels, Seed, this.Train).Choose(sample.Data, scaling, Exporter(conditionColumn));
                var known = labels is null || labels.Anomalies.Length == 0 ? null : sample.Data.Subset(labels.Anomalies);
                return Fit(data, scaling, members, conditionColumn, scoring, choice, known is null ? null : scaling?.Apply(known) ?? known);
            } finally {
                foreach (var m in members) m.Dispose();
            }
        }

        /// <summary>Trains one model from <paramref name="seed"/> on the scaled rows (cancellation and progress as the options say); the history of its training.</summary>
        TrainingHistory Train(GenerativeModel member, TrainingData scaled, int seed)
        {
            _options.BeforeTraining(member, scaled, seed);
            var trainerOptions = _options.TrainerOptions(seed, encode: _output == GenerativeOutput.Encode);
            trainerOptions.Stopped = _cancelled;
            return new Trainer(trainerOptions).Fit(member, scaled, _options.Progress, _options.CancellationToken);
        }

        /// <summary>The export of trained models with a given score, with the pipeline's column names and the scaling in the graphs.</summary>
        Func<IReadOnlyList<GenerativeModel>, IReadOnlyList<ScoreNormalization>?, AnomalyScoreKind, FeatureScaling?, ModelGraphs> Exporter(string? conditionColumn)
        {
            // One export serves every transform: the graphs read the input column by its name, the rest is internal.
            var names = GraphContract.PipelineNames(_inputColumn, conditionColumn);
            return (models, normalization, score, scaling) => {
                var options = new OnnxExportOptions { Score = score, Names = names, SamplerNoiseWidth = GraphContract.Pipeline.NoiseWidth, Scaling = scaling };
                return new ModelGraphs(normalization is null ? OnnxExporter.Export(models[0], options) : OnnxExporter.ExportEnsemble(models, normalization, options));
            };
        }

        GenerativeTransformer Fit(TrainingData data, FeatureScaling? scaling, List<GenerativeModel> members, string? conditionColumn, ScoringOptions scoring,
                                  LabelledChoice.Result? choice, TrainingData? scaledKnownAnomalies)
        {
            var scaled = scaling?.Apply(data) ?? data;
            var seed = Seed;
            var score = choice?.Score ?? _options.ScoreKind;
            TrainingHistory? history = null;
            // Ensemble members differ only in their seed (initial weights, shuffling, noise): Seed, Seed + 1, ...
            for (var i = 0; i < _options.EnsembleSize; i++) {
                var member = _options.CreateModel(data.FeatureCount, data.ConditionCount);
                members.Add(member);
                var trained = Train(member, scaled, unchecked(seed + i));
                history ??= trained;
                _options.AfterTraining(member, scaled, seed, score, scaledKnownAnomalies);
            }
            var model = members[0];

            var export = Exporter(conditionColumn);
            ModelGraphs Export(IReadOnlyList<GenerativeModel> models, IReadOnlyList<ScoreNormalization>? normalization) => export(models, normalization, score, scaling);
            // An ensemble's members are scored alone first, for the normalization that puts them on one scale.
            var normalization = members.Count == 1 ? null : members.Select(m => Calibration.Normalization(Export(new[] { m }, null), data)).ToList();
            // The model is exported once; the threshold (from the training scores) and the model card are then written into its graphs.
            var exported = Export(members, normalization);
            var knots = Calibration.ScoreKnots(exported, data);
            var contamination = choice?.Contamination ?? _options.Contamination;
            var card = new ModelCard {
                Family = _options.FamilyName, ModelKind = model.Kind.ToString(), InputSize = data.FeatureCount, LatentSize = (int)model.LatentSize,
                HiddenSizes = _options.HiddenSizesFor(data.FeatureCount).ToArray(), EnsembleSize = members.Count, TrainingRows = data.RowCount, Seed = seed,
                Steps = (long)history!.Epochs.Count * _options.BatchesPerEpoch(data.RowCount), BestEpoch = history.BestEpoch, StoppedEarly = history.StoppedEarly,
                Scaling = scaling is null ? nameof(ScalingKind.None) : _options.FeatureScaling.ToString(), ScoreKind = score.ToString(),
                AnomalyThreshold = Quantiles.Threshold(knots, contamination), Contamination = contamination, Versions = PackageVersions.Current,
                KnownAnomalies = choice?.KnownAnomalies, KnownNormalRows = choice?.KnownNormalRows, ScoreChoice = choice?.Auroc ?? new Dictionary<string, double>(),
                ThresholdRule = choice?.ThresholdRule,
                History = history.Epochs.Select(e => new TrainingEpoch(e.Epoch, e.Loss, e.ValidationLoss, e.LearningRate, e.Parts)).ToArray(), ScoreKnots = knots,
            };
            var graphs = exported.WithCard(card);
            return _output switch {
                GenerativeOutput.Encode => GenerativeTransformer.ForEncode(graphs, _outputColumn, _options.LogVarianceColumn, scoring, _options.CodeIndicesColumn),
                GenerativeOutput.Sample => GenerativeTransformer.ForSample(graphs, _outputColumn, _seedColumn!, scoring),
                GenerativeOutput.Reconstruct => GenerativeTransformer.ForReconstruct(graphs, _outputColumn, scoring),
                _ => GenerativeTransformer.ForAnomalyScore(graphs, _options.FeatureContributionsColumnName, scoring, _outputColumn, _options.PredictedLabelColumnName),
            };
        }

        static string Describe(ModelCapabilities capabilities) =>
            string.Join(", ", new[] { ModelCapabilities.Encode, ModelCapabilities.Reconstruct, ModelCapabilities.Sample, ModelCapabilities.Score }
                .Where(c => capabilities.HasFlag(c)).Select(c => c.ToString().ToLowerInvariant()));

        /// <summary>A class without columns: a custom mapping over it only adds its output's columns (for GetOutputSchema).</summary>
        sealed class NoColumns { }
    }
}

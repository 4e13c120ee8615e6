using System;
using System.Linq;
using Generative.ML.Graphs;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Onnx;
using Generative.ML.Training.Optimization;
using Generative.ML.Training.Platform;
using Generative.ML.Transformers.Tables;
using Microsoft.ML;

namespace Generative.ML.Estimators.Tables
{
    /// <summary>Fit for tables: read the columns, fit the encoding, train the table VAE, export its sampler and scorer, set the threshold.</summary>
    internal static class TableSynthesizerTrainer
    {
        public static TableSynthesizer Fit(IDataView data, TableSynthesizerOptions options, int seed, Func<bool>? cancelled = null)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            if (options is null) throw new ArgumentNullException(nameof(options));
            options.Validate();
            LibTorchRuntime.EnsureAvailable();
            var table = TableDataView.Read(data, options.Columns, options.CategoricalColumns, options.MaxTrainingRowsOrDefault, seed);
            return Train(table, options, seed, cancelled);
        }

        public static TableSynthesizer Fit(TableData table, TableSynthesizerOptions options, int seed, Func<bool>? cancelled = null)
        {
            if (table is null) throw new ArgumentNullException(nameof(table));
            if (options is null) throw new ArgumentNullException(nameof(options));
            options.Validate();
            LibTorchRuntime.EnsureAvailable();
            return Train(table, options, seed, cancelled);
        }

        /// <summary>The options checked and libtorch there: encode, train, export, threshold, calibrate.</summary>
        static TableSynthesizer Train(TableData table, TableSynthesizerOptions options, int seed, Func<bool>? cancelled)
        {
            var encoding = TableEncoding.Fit(table, options.ConditionColumn, continuous: options.ContinuousEncoding);
            var x = encoding.Encode(table);
            var conditions = encoding.ConditionColumn is null ? null : encoding.EncodeConditions(table);
            var rows = TrainingData.FromMatrix(x, encoding.Width, conditions, encoding.ConditionWidth);
            var unseen = options.UnseenCategoryProbability ?? 0.5 / table.RowCount;
            using var model = new TabularVariationalAutoencoder(encoding.Heads, encoding.Columns.Count, options.LatentSizeOrDefault, encoding.ConditionWidth,
                                                                new MlpArchitecture { HiddenSizes = options.HiddenSizesOrDefault.ToArray(), Dropout = options.Dropout },
                                                                unseenCategoryProbability: unseen, klWeight: options.KlWeight);
            var trainerOptions = options.TrainerOptions(table.RowCount, seed);
            trainerOptions.Stopped = cancelled;
            new Trainer(trainerOptions).Fit(model, rows, options.Progress, options.CancellationToken);

            var graphs = OnnxExporter.Export(model, new OnnxExportOptions { Score = AnomalyScoreKind.NegativeElbo, SamplerNoiseWidth = options.LatentSizeOrDefault });
            // The threshold is the training rows' (1 - contamination) quantile of the score the synthesizer gives.
            using var unlabelled = new TableSynthesizer(encoding, graphs.Sampler!, graphs.Scorer!, model.GaussianStandardDeviations(), options.LatentSizeOrDefault,
                                                        float.PositiveInfinity);
            var scores = unlabelled.Score(table).Scores.Select(s => (double)s).OrderBy(s => s).ToArray();
            var synthesizer = unlabelled.WithThreshold(Quantiles.Threshold(Quantiles.Knots(scores), options.Contamination));
            if (!options.CalibrateColumns || encoding.ConditionColumn is not null) return synthesizer;
            using (synthesizer) return synthesizer.Calibrated(seed: seed);
        }
    }
}

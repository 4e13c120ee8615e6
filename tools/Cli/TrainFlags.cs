using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace Generative.ML.Cli
{
    /// <summary>A mistake in the command line itself (an option's value out of its range): one line, exit code 2.</summary>
    internal sealed class UsageException(string message) : Exception(message);

    /// <summary>The training settings `gml train` takes, checked before any file is read, and applied to any model's options.</summary>
    internal sealed record TrainFlags(int? Latent, int? Epochs, int Seed, double Contamination, string? Hidden, int? BatchSize, double? LearningRate,
                                      int? Threads, string? Score, CancellationToken Cancellation)
    {
        /// <summary>The score kinds --score offers (variational models), by the short names the help lists.</summary>
        public static readonly IReadOnlyDictionary<string, AnomalyScoreKind> Scores = new Dictionary<string, AnomalyScoreKind> {
            ["elbo"] = AnomalyScoreKind.NegativeElbo, ["error"] = AnomalyScoreKind.ReconstructionError, ["iwae"] = AnomalyScoreKind.ImportanceWeightedNll,
            ["mahalanobis"] = AnomalyScoreKind.LatentMahalanobisPlusReconstruction, ["neighbours"] = AnomalyScoreKind.NegativeElboPlusLatentNeighbours,
            ["tightness"] = AnomalyScoreKind.NegativeElboPlusClusterTightness,
        };

        /// <summary>The hidden widths of --hidden ("64,32").</summary>
        public IReadOnlyList<long>? HiddenSizes => Hidden is null ? null : ParseHidden(Hidden);

        static long[] ParseHidden(string text)
        {
            var parts = text.Split(',', StringSplitOptions.TrimEntries);
            var widths = new long[parts.Length];
            for (var i = 0; i < parts.Length; i++)
                if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]) || widths[i] < 1 || widths[i] > 65536)
                    throw new UsageException($"--hidden takes comma-separated widths from 1 to 65536, such as 64,32; got '{text}'.");
            return widths;
        }

        /// <summary>Every value in its range, before any work: what is wrong is said naming the option and the range.</summary>
        public void Check()
        {
            if (Latent is int latent && (latent < 1 || latent > TrainingOptionsBase.Defaults.MaxLatentSize))
                throw new UsageException($"--latent must be from 1 to {TrainingOptionsBase.Defaults.MaxLatentSize}; got {latent}.");
            if (Epochs is int epochs && epochs < 1) throw new UsageException($"--epochs must be at least 1; got {epochs}.");
            if (Seed < 0) throw new UsageException($"--seed must be 0 or more; got {Seed}.");
            if (!(Contamination > 0 && Contamination < 0.5)) throw new UsageException($"--contamination must be above 0 and below 0.5; got {Contamination.ToString(CultureInfo.InvariantCulture)}.");
            _ = HiddenSizes;
            if (BatchSize is int batch && batch < 1) throw new UsageException($"--batch-size must be at least 1; got {batch}.");
            if (LearningRate is double rate && !(rate > 0 && rate <= 1)) throw new UsageException($"--learning-rate must be above 0 and at most 1; got {rate.ToString(CultureInfo.InvariantCulture)}.");
            if (Threads is int threads && (threads < 1 || threads > 1024)) throw new UsageException($"--threads must be from 1 to 1024; got {threads}.");
        }

        /// <summary>The flags set on <paramref name="options"/>: what was not given stays at the family's default.</summary>
        public T Apply<T>(T options) where T : TrainingOptionsBase
        {
            if (Latent is int latent) options.LatentSize = latent;
            options.Epochs = Epochs ?? options.Epochs;
            options.Seed = Seed;
            options.Contamination = Contamination;
            if (HiddenSizes is { } hidden) options.HiddenSizes = hidden;
            if (BatchSize is int batch) options.BatchSize = batch;
            if (LearningRate is double rate) options.LearningRate = rate;
            if (Threads is int threads) options.Threads = threads;
            options.CancellationToken = Cancellation;
            return options;
        }
    }

    /// <summary>
    /// What `gml train` is told about the training rows: --clean (they are known normal), --label (a column of known
    /// anomalies: 1, 0 or blank) and a target recall or precision for the threshold; checked before any file is read.
    /// </summary>
    internal sealed record AnomalyFlags(string? Label, bool Clean, double? TargetRecall, double? TargetPrecision)
    {
        public void Check()
        {
            if (Label is not null && string.IsNullOrWhiteSpace(Label)) throw new UsageException("--label needs a column name.");
            foreach (var (name, value) in new[] { ("--target-recall", TargetRecall), ("--target-precision", TargetPrecision) })
                if (value is double v && !(v > 0 && v <= 1))
                    throw new UsageException($"{name} must be above 0 and at most 1; got {v.ToString(CultureInfo.InvariantCulture)}.");
            if (TargetRecall is not null && TargetPrecision is not null)
                throw new UsageException("--target-recall and --target-precision each set the threshold: give one.");
            if ((TargetRecall ?? TargetPrecision) is not null && Label is null)
                throw new UsageException($"{(TargetRecall is null ? "--target-precision" : "--target-recall")} is measured on known anomalies: give --label too.");
        }

        /// <summary>Whether any of these was given (table models take none of them).</summary>
        public bool Any => Label is not null || Clean || TargetRecall is not null || TargetPrecision is not null;

        /// <summary>The flags on the options, with the label column under <paramref name="labelColumn"/> in the training view.</summary>
        public void Apply(GenerativeEstimatorOptions options, string labelColumn)
        {
            options.CleanTrainingData = Clean;
            if (Label is not null) options.LabelColumnName = labelColumn;
            options.TargetRecall = TargetRecall;
            options.TargetPrecision = TargetPrecision;
        }
    }
}

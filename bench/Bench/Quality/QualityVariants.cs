using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Generative.ML;
using Generative.ML.Estimators;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Microsoft.ML;

namespace Generative.ML.Bench.Quality
{
    /// <summary>The detectors the quality benchmark can run, by name (`--detectors a,b,c`).</summary>
    public static class QualityVariants
    {
        /// <summary>A detector by name; Make takes the width, the training rows, the seed, the threads and the label column (null without labels).</summary>
        public sealed record Variant(string Name, Func<int, int, int, int, string?, IEstimator<ITransformer>> Make);

        static readonly MLContext Ml = new(seed: 0);

        public static readonly string[] Defaults = { "vae", "vae-previous", "ae", "mlnet-randomized-pca" };

        /// <summary>
        /// Every model family of the library (ModelFamilies, the list gml reads too) as a user gets it: its options' defaults,
        /// only the seed and thread count set. Then the defaults before this benchmark chose new ones, and ML.NET's own detector.
        /// </summary>
        public static IReadOnlyList<Variant> All { get; } = ModelFamilies.All
            .Select(f => new Variant(f.Name, (d, n, seed, threads, label) => {
                var options = f.Create();
                options.Seed = seed;
                options.Threads = threads;
                options.LabelColumnName = label;
                return Ml.Transforms.GenerativeAnomalyScore("Score", "Features", options);
            }))
            .Concat(new Variant[] {
                new("vae-previous", (d, n, seed, threads, label) => Ml.Transforms.VaeAnomalyScore("Score", "Features", PreviousDefaults(seed, threads))),
                new("mlnet-randomized-pca", (d, n, seed, threads, label) =>
                    Ml.AnomalyDetection.Trainers.RandomizedPca(featureColumnName: "Features", rank: Math.Max(1, Math.Min(20, d / 2)), seed: seed)),
            }).ToList();

        public static VariationalAutoencoderOptions PreviousDefaults(int seed, int threads) => new() {
            LatentSize = 8, HiddenSizes = new long[] { 64, 32 }, Epochs = 50, BatchSize = 64, LearningRate = 1e-3,
            Likelihood = Likelihood.GaussianLearnedVariance, Score = AnomalyScoreKind.NegativeElbo, Seed = seed, Threads = threads,
            FeatureScaling = ScalingKind.None, TrimFraction = 0,
        };

        /// <summary>
        /// A known detector, or "vae" / "ae" with settings changed, for experiments: "vae+trim=0+scaling=none+latent=4+
        /// hidden=64-32+epochs=100+lr=0.003+batch=32+beta=2+likelihood=fixed+score=iwae+patience=10+validation=0.1", "selfclean=0.1+rounds=2"
        /// (self-cleaning rounds: refit without the training rows the last model scored in its top 10%), or "steps=500" (the
        /// epochs that make about that many optimizer steps on the task's training rows), or "maxepochs=200" (at most
        /// that many of the epochs it would run). Scores: iwae, error, maha, knn (the negative ELBO plus the latent
        /// neighbours). "aae+components=K": the adversarial autoencoder with a mixture prior of K Gaussians.
        /// </summary>
        public static IReadOnlyList<Variant> Named(IEnumerable<string> names) => names.Select(n =>
            All.FirstOrDefault(v => v.Name == n) ?? Modified(n) ?? throw new ArgumentException(
                $"Unknown detector '{n}'; known: {string.Join(", ", All.Select(v => v.Name))}, or vae+setting=value+...")).ToList();

        static Variant? Modified(string name)
        {
            var parts = name.Split('+');
            // "aae+components=K": the adversarial autoencoder with a mixture prior of K Gaussians.
            if (parts is ["aae", var mixture] && mixture.StartsWith("components=", StringComparison.Ordinal))
                return new Variant(name, (d, n, seed, threads, label) => Ml.Transforms.AdversarialAutoencoderAnomalyScore("Score", "Features",
                    new AdversarialAutoencoderOptions { PriorComponents = int.Parse(mixture["components=".Length..], CultureInfo.InvariantCulture), Seed = seed, Threads = threads }));
            if (parts[0] is not ("vae" or "ae") || parts.Length < 2) return null;
            return new Variant(name, (d, n, seed, threads, label) => {
                GenerativeEstimatorOptions o = parts[0] == "vae"
                    ? new VariationalAutoencoderOptions { Seed = seed, Threads = threads }
                    : new AutoencoderOptions { Seed = seed, Threads = threads };
                o.LabelColumnName = label;
                int? steps = null, maxEpochs = null;
                double? selfClean = null;
                var rounds = 1;
                foreach (var setting in parts[1..]) {
                    var (key, value) = (setting.Split('=')[0], setting.Split('=')[1]);
                    double Number() => double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    switch (key) {
                        case "trim": o.TrimFraction = Number(); break;
                        case "selfclean": selfClean = Number(); break;
                        case "rounds": rounds = (int)Number(); break;
                        case "clean": o.CleanTrainingData = Number() != 0; break;
                        case "labels": if (Number() == 0) o.LabelColumnName = null; break;
                        case "recall": o.TargetRecall = Number(); break;
                        case "ensemble": o.EnsembleSize = (int)Number(); break;
                        case "contamination": o.Contamination = Number(); break;
                        case "scaling": o.FeatureScaling = Enum.Parse<ScalingKind>(value, ignoreCase: true); break;
                        case "latent": o.LatentSize = (int)Number(); break;
                        case "hidden": o.HiddenSizes = value.Split('-').Select(long.Parse).ToArray(); break;
                        case "epochs": o.Epochs = (int)Number(); break;
                        case "steps": steps = (int)Number(); break;
                        case "maxepochs": maxEpochs = (int)Number(); break;
                        case "lr": o.LearningRate = Number(); break;
                        case "batch": o.BatchSize = (int)Number(); break;
                        case "patience": o.EarlyStoppingPatience = (int)Number(); break;
                        case "validation": o.ValidationFraction = Number(); break;
                        case "beta": ((VariationalAutoencoderOptions)o).Beta = Number(); break;
                        case "likelihood": ((VariationalAutoencoderOptions)o).Likelihood = value == "fixed" ? Likelihood.GaussianFixedVariance : Likelihood.GaussianLearnedVariance; break;
                        case "score":
                            ((VariationalAutoencoderOptions)o).Score = value switch {
                                "iwae" => AnomalyScoreKind.ImportanceWeightedNll,
                                "error" => AnomalyScoreKind.ReconstructionError,
                                "maha" => AnomalyScoreKind.LatentMahalanobisPlusReconstruction,
                                "knn" => AnomalyScoreKind.NegativeElboPlusLatentNeighbours,
                                "tight" => AnomalyScoreKind.NegativeElboPlusClusterTightness,
                                _ => AnomalyScoreKind.NegativeElbo,
                            }; break;
                        default: throw new ArgumentException($"Unknown setting '{key}' in detector '{name}'.");
                    }
                }
                if (steps is int s) o.Epochs = Math.Max(1, (int)Math.Ceiling(s / (double)o.BatchesPerEpoch(n)));
                if (maxEpochs is int cap) o.Epochs = Math.Min(o.EpochsFor(n), cap);
                IEstimator<ITransformer> Make() => o is VariationalAutoencoderOptions v ? Ml.Transforms.VaeAnomalyScore("Score", "Features", v)
                                                                                       : Ml.Transforms.AutoencoderAnomalyScore("Score", "Features", (AutoencoderOptions)o);
                return selfClean is double drop ? new SelfCleaning(Make, drop, rounds) : Make();
            });
        }
    }
}

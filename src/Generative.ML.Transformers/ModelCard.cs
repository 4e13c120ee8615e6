using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using Generative.ML.Graphs;

namespace Generative.ML.Transformers
{
    /// <summary>
    /// What a fitted model is and how it was trained: family, sizes, the training run (epochs, steps, the loss per epoch),
    /// scaling, score and threshold, and the package versions. It travels inside the model's ONNX graphs (metadata), so
    /// a model saved with <c>mlContext.Model.Save</c> and loaded with <c>LoadBatched</c> has it too.
    /// </summary>
    public sealed class ModelCard
    {
        internal ModelCard() { }

        /// <summary>The model family ("VAE", "autoencoder", "VQ-VAE", "adversarial autoencoder", "GAN", ...).</summary>
        public string Family { get; internal init; } = "";

        /// <summary>The trained network's kind (the exporter's name for it, e.g. VariationalAutoencoder).</summary>
        public string ModelKind { get; internal init; } = "";

        /// <summary>Values per input row.</summary>
        public int InputSize { get; internal init; }

        /// <summary>Size of the code, or of z.</summary>
        public int LatentSize { get; internal init; }

        /// <summary>The encoder's hidden widths, from the input inwards (the decoder mirrors them).</summary>
        public IReadOnlyList<long> HiddenSizes { get; internal init; } = Array.Empty<long>();

        /// <summary>Models trained (the ensemble's size); the history is the first one's.</summary>
        public int EnsembleSize { get; internal init; } = 1;

        /// <summary>Rows the model trained on (after the bound on training rows).</summary>
        public int TrainingRows { get; internal init; }

        /// <summary>The seed training used (the options' or the MLContext's draw).</summary>
        public int Seed { get; internal init; }

        /// <summary>Epochs run (fewer than asked when early stopping ended training).</summary>
        public int Epochs => History.Count;

        /// <summary>Optimizer steps run.</summary>
        public long Steps { get; internal init; }

        /// <summary>The epoch whose weights the model kept (lowest validation loss), when there was a validation split.</summary>
        public int? BestEpoch { get; internal init; }

        /// <summary>Early stopping ended training before the last epoch.</summary>
        public bool StoppedEarly { get; internal init; }

        /// <summary>How inputs were scaled inside the graphs (Robust, Standard or None).</summary>
        public string Scaling { get; internal init; } = "";

        /// <summary>The anomaly score the scorer gives.</summary>
        public string ScoreKind { get; internal init; } = "";

        /// <summary>The score above which a row is labelled an anomaly.</summary>
        public float AnomalyThreshold { get; internal init; }

        /// <summary>The share of training rows the threshold leaves above it; null when it was set by value.</summary>
        public double? Contamination { get; internal init; }

        /// <summary>Package versions the model was trained with (Generative.ML, TorchSharp, ML.NET, ONNX Runtime).</summary>
        public IReadOnlyDictionary<string, string> Versions { get; internal init; } = new Dictionary<string, string>();

        /// <summary>The first model's training, epoch by epoch.</summary>
        public IReadOnlyList<TrainingEpoch> History { get; internal init; } = Array.Empty<TrainingEpoch>();

        /// <summary>Rows the label column marked as known anomalies (left out of training); null when no label column was read.</summary>
        public int? KnownAnomalies { get; internal init; }

        /// <summary>Rows the label column marked as known normal; null when no label column was read.</summary>
        public int? KnownNormalRows { get; internal init; }

        /// <summary>
        /// Each candidate score's cross-validated AUROC on the labelled rows, by score name, when a label column made the
        /// choice (<see cref="ScoreKind"/> is the one chosen); empty otherwise.
        /// </summary>
        public IReadOnlyDictionary<string, double> ScoreChoice { get; internal init; } = new Dictionary<string, double>();

        /// <summary>How the threshold was set from known anomalies (the target, and what it reached on them); null when set by contamination or by value.</summary>
        public string? ThresholdRule { get; internal init; }

        /// <summary>The training scores' quantile knots (<see cref="Quantiles.Knots"/>): what moving the threshold by contamination reads.</summary>
        internal IReadOnlyList<double> ScoreKnots { get; init; } = Array.Empty<double>();

        /// <summary>The card with another threshold, and the contamination it came from (null when set by value).</summary>
        internal ModelCard WithThreshold(float threshold, double? contamination) => new() {
            Family = Family, ModelKind = ModelKind, InputSize = InputSize, LatentSize = LatentSize, HiddenSizes = HiddenSizes,
            EnsembleSize = EnsembleSize, TrainingRows = TrainingRows, Seed = Seed, Steps = Steps, BestEpoch = BestEpoch,
            StoppedEarly = StoppedEarly, Scaling = Scaling, ScoreKind = ScoreKind, AnomalyThreshold = threshold, Contamination = contamination,
            Versions = Versions, History = History, ScoreKnots = ScoreKnots, KnownAnomalies = KnownAnomalies, KnownNormalRows = KnownNormalRows,
            ScoreChoice = ScoreChoice, ThresholdRule = null,
        };

        /// <summary>
        /// The SHA-256 (hex) of each graph as it was saved, by graph name, over the graph's nodes and weights (not its
        /// metadata, where this card is). <c>LoadBatched</c>, <c>TableSynthesizer.Load</c> and gml refuse a graph that no
        /// longer matches; ML.NET's own <c>Model.Load</c> does not check. Empty for graphs exported without a card.
        /// </summary>
        public IReadOnlyDictionary<string, string> GraphDigests { get; internal init; } = new Dictionary<string, string>();

        /// <inheritdoc/>
        public override string ToString() =>
            $"{Family} ({ModelKind}): {InputSize} -> {LatentSize}, hidden [{string.Join(", ", HiddenSizes)}], {Epochs} epochs / {Steps} steps on " +
            $"{TrainingRows} rows, seed {Seed}, scaling {Scaling}, score {ScoreKind}, threshold {AnomalyThreshold:G6}" +
            (ThresholdRule is string rule ? $" ({rule})" : Contamination is double c ? $" (contamination {c:G4})" : " (set by value)") +
            (KnownAnomalies is int a ? $"; labels: {a} known anomalies, {KnownNormalRows} known normal rows" +
                (ScoreChoice.Count > 0 ? $", score chosen by cross-validated AUROC ({string.Join(", ", ScoreChoice.Select(kv => $"{kv.Key} {kv.Value:F3}"))})" : "") : "");

        // The card as JSON, in the graphs' metadata. Numbers round-trip; no timing is stored, so the same training gives the same bytes.
        sealed class Stored
        {
            public string Family { get; set; } = "";
            public string ModelKind { get; set; } = "";
            public int InputSize { get; set; }
            public int LatentSize { get; set; }
            public long[] HiddenSizes { get; set; } = Array.Empty<long>();
            public int EnsembleSize { get; set; } = 1;
            public int TrainingRows { get; set; }
            public int Seed { get; set; }
            public long Steps { get; set; }
            public int? BestEpoch { get; set; }
            public bool StoppedEarly { get; set; }
            public string Scaling { get; set; } = "";
            public string ScoreKind { get; set; } = "";
            public float AnomalyThreshold { get; set; }
            public double? Contamination { get; set; }
            public SortedDictionary<string, string> Versions { get; set; } = new();
            public StoredEpoch[] History { get; set; } = Array.Empty<StoredEpoch>();
            public double[] ScoreKnots { get; set; } = Array.Empty<double>();
            public SortedDictionary<string, string>? GraphDigests { get; set; }
            public int? KnownAnomalies { get; set; }
            public int? KnownNormalRows { get; set; }
            public SortedDictionary<string, double>? ScoreChoice { get; set; }
            public string? ThresholdRule { get; set; }
        }

        sealed class StoredEpoch
        {
            public int Epoch { get; set; }
            public double Loss { get; set; }
            public double? ValidationLoss { get; set; }
            public double LearningRate { get; set; }
            public SortedDictionary<string, double> Parts { get; set; } = new();
        }

        static readonly JsonSerializerOptions Json = new() {
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        /// <summary>The card as JSON, with <paramref name="digests"/> as its graph hashes where given (its own otherwise).</summary>
        internal string ToJson(IReadOnlyDictionary<string, string>? digests = null) => JsonSerializer.Serialize(new Stored {
            Family = Family, ModelKind = ModelKind, InputSize = InputSize, LatentSize = LatentSize, HiddenSizes = HiddenSizes.ToArray(),
            EnsembleSize = EnsembleSize, TrainingRows = TrainingRows, Seed = Seed, Steps = Steps, BestEpoch = BestEpoch, StoppedEarly = StoppedEarly,
            Scaling = Scaling, ScoreKind = ScoreKind, AnomalyThreshold = AnomalyThreshold, Contamination = Contamination,
            Versions = new SortedDictionary<string, string>(Versions.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
            History = History.Select(e => new StoredEpoch {
                Epoch = e.Epoch, Loss = e.Loss, ValidationLoss = e.ValidationLoss, LearningRate = e.LearningRate,
                Parts = new SortedDictionary<string, double>(e.Parts.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
            }).ToArray(),
            ScoreKnots = ScoreKnots.ToArray(),
            KnownAnomalies = KnownAnomalies, KnownNormalRows = KnownNormalRows, ThresholdRule = ThresholdRule,
            ScoreChoice = ScoreChoice.Count == 0 ? null : new SortedDictionary<string, double>(ScoreChoice.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
            GraphDigests = (digests ?? GraphDigests).Count == 0 ? null : new SortedDictionary<string, string>((digests ?? GraphDigests).ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
        }, Json);

        /// <summary>The card stored in a graph's metadata; null where the graph has none (or it cannot be read).</summary>
        internal static ModelCard? FromJson(string? json)
        {
            if (string.IsNullOrEmpty(json)) return null;
            Stored? s;
            try {
                s = JsonSerializer.Deserialize<Stored>(json, Json);
            } catch (JsonException) {
                return null;
            }
            if (s is null) return null;
            return new ModelCard {
                Family = s.Family, ModelKind = s.ModelKind, InputSize = s.InputSize, LatentSize = s.LatentSize, HiddenSizes = s.HiddenSizes ?? Array.Empty<long>(),
                EnsembleSize = s.EnsembleSize, TrainingRows = s.TrainingRows, Seed = s.Seed, Steps = s.Steps, BestEpoch = s.BestEpoch,
                StoppedEarly = s.StoppedEarly, Scaling = s.Scaling, ScoreKind = s.ScoreKind, AnomalyThreshold = s.AnomalyThreshold,
                Contamination = s.Contamination, Versions = s.Versions ?? new(),
                History = (s.History ?? Array.Empty<StoredEpoch>()).Select(e => new TrainingEpoch(e.Epoch, e.Loss, e.ValidationLoss, e.LearningRate, e.Parts ?? new())).ToArray(),
                ScoreKnots = s.ScoreKnots ?? Array.Empty<double>(),
                GraphDigests = s.GraphDigests ?? new SortedDictionary<string, string>(),
                KnownAnomalies = s.KnownAnomalies, KnownNormalRows = s.KnownNormalRows, ThresholdRule = s.ThresholdRule,
                ScoreChoice = s.ScoreChoice ?? new SortedDictionary<string, double>(),
            };
        }
    }

    /// <summary>One epoch of training: the mean loss over its rows (and its parts), the validation loss, the step size.</summary>
    public sealed class TrainingEpoch
    {
        internal TrainingEpoch(int epoch, double loss, double? validationLoss, double learningRate, IReadOnlyDictionary<string, double> parts)
        {
            Epoch = epoch;
            Loss = loss;
            ValidationLoss = validationLoss;
            LearningRate = learningRate;
            Parts = parts;
        }

        /// <summary>One-based.</summary>
        public int Epoch { get; }

        /// <summary>The mean training loss.</summary>
        public double Loss { get; }

        /// <summary>The validation loss, when there is a validation split.</summary>
        public double? ValidationLoss { get; }

        /// <summary>The step size used.</summary>
        public double LearningRate { get; }

        /// <summary>The loss's named parts (reconstruction, KL, ...), each a mean over the epoch's rows.</summary>
        public IReadOnlyDictionary<string, double> Parts { get; }
    }
}

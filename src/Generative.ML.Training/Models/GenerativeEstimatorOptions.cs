using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Generative.ML.Graphs;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;

namespace Generative.ML
{
    /// <summary>
    /// What every estimator of the family trains: the network and the trainer. The defaults suit small tabular data.
    /// </summary>
    public abstract class GenerativeEstimatorOptions : TrainingOptionsBase
    {
        private protected GenerativeEstimatorOptions() { }




        /// <summary><see cref="TrainingOptionsBase.LatentSize"/>, or by default a quarter of the input width (rounded up), within [2, 16].</summary>
        internal int LatentSizeFor(int inputWidth) => LatentSize ?? Math.Clamp((inputWidth + 3) / 4, 2, 16);

        /// <summary>
        /// <see cref="TrainingOptionsBase.HiddenSizes"/>, or by default two layers: the power of two at or above twice the input width,
        /// within [32, 256], then half that.
        /// </summary>
        internal IReadOnlyList<long> HiddenSizesFor(int inputWidth)
        {
            if (HiddenSizes is not null) return HiddenSizes;
            long first = 32;
            while (first < 2L * inputWidth && first < 256) first *= 2;
            return new[] { first, first / 2 };
        }

        /// <summary>The non-linearity between layers (ReLU by default).</summary>
        public Activation Activation { get; set; } = Activation.ReLU;


        /// <summary>The optimizer steps that automatic <see cref="TrainingOptionsBase.Epochs"/> aim for.</summary>
        public const int AutomaticStepBudget = TrainingDefaults.StepBudget;

        /// <summary>The most epochs automatic <see cref="TrainingOptionsBase.Epochs"/> run, however few the rows.</summary>
        public const int AutomaticMaxEpochs = TrainingDefaults.MaxEpochs;

        /// <summary>The epochs a fit on <paramref name="rows"/> rows runs: <see cref="TrainingOptionsBase.Epochs"/>, or the automatic choice.</summary>
        internal int EpochsFor(int rows) => Epochs ?? TrainingDefaults.Epochs(rows, BatchSize, ValidationFraction);

        /// <summary>Optimizer steps in one epoch over <paramref name="rows"/> rows, after the validation share is held out.</summary>
        internal int BatchesPerEpoch(int rows) => TrainingDefaults.BatchesPerEpoch(rows, BatchSize, ValidationFraction);



        /// <summary>The feature (and condition) values automatic <see cref="TrainingOptionsBase.MaxTrainingRows"/> keep: 128 MB of Singles.</summary>
        public const int AutomaticTrainingValues = 1 << 25;

        /// <summary>The rows Fit keeps for rows of <paramref name="rowWidth"/> values: <see cref="TrainingOptionsBase.MaxTrainingRows"/>, or the automatic bound.</summary>
        internal int MaxTrainingRowsFor(int rowWidth)
        {
            var width = Math.Max(1, rowWidth);
            if (MaxTrainingRows is int rows) {
                if ((long)rows * width > Array.MaxLength)
                    throw new ArgumentOutOfRangeException(nameof(MaxTrainingRows), rows, $"{rows} rows of {width} values do not fit in one array; keep fewer.");
                return rows;
            }
            return Math.Clamp(AutomaticTrainingValues / width, 1, 1_000_000);
        }







        /// <summary>
        /// The trimmed objective: each training batch leaves out this share of its rows, those the model fits worst, so
        /// that anomalies in the training data are not learned as normal. Null (the default) derives it from
        /// <see cref="TrainingOptionsBase.Contamination"/> and the batch size (<see cref="TrimFractionFor"/>), except for
        /// the Encode transforms, which then train on every row; 0 trains on every row. It
        /// hurts when the data is clean and its rare-but-normal rows matter: they are then fitted less well and score higher.
        /// </summary>
        public double? TrimFraction { get; set; }

        /// <summary>
        /// The share of each batch the trimmed objective leaves out: <see cref="TrimFraction"/>, or by default the 95th
        /// percentile of the anomalies a batch holds when a <see cref="TrainingOptionsBase.Contamination"/> share of the rows are anomalies
        /// (binomial), over the batch size. Trimming only the expected share is not enough: a batch with more anomalies
        /// than that trains on the extra ones, and over many steps the model learns them (measured: a 10% cluster
        /// stayed learned with 10% trimmed per batch of 64, and was left out with 15% or more).
        /// </summary>
        internal double TrimFractionFor()
        {
            if (TrimFraction is double trim) return trim;
            if (CleanTrainingData) return 0;
            var n = Math.Max(1, BatchSize);
            double cumulative = 0;
            for (var k = 0; k <= n; k++) {
                cumulative += Math.Exp(LogBinomial(n, k) + k * Math.Log(Contamination) + (n - k) * Math.Log(1 - Contamination));
                if (cumulative >= 0.95) return Math.Min((double)k / n, 0.45);
            }
            return 0.45;
        }

        static double LogBinomial(int n, int k)
        {
            double sum = 0;
            for (var i = 1; i <= k; i++) sum += Math.Log(n - k + i) - Math.Log(i);
            return sum;
        }

        /// <summary>
        /// How features are scaled before the network sees them: Robust (the default) centres each on its median and
        /// divides by its interquartile range / 1.349, so a few extreme rows cannot stretch the scale. The scaling is
        /// fitted on the training rows and written into the saved model; outputs come back in the data's own units.
        /// Models with the Bernoulli likelihood always see the data as it is.
        /// </summary>
        public ScalingKind FeatureScaling { get; set; } = ScalingKind.Robust;

        /// <summary>
        /// How many models to train, each from its own seed (Seed, Seed + 1, ...). With more than one, the anomaly score
        /// is their mean after each member's score is put on a common scale (minus its training scores' median, divided
        /// by their interquartile range): steadier than any one member's. One ONNX scorer runs them all, so Save/Load
        /// work as for one model; training and scoring take EnsembleSize times as long. Encode, Reconstruct and Sample
        /// use the first member. Progress reports each member's training in turn.
        /// </summary>
        public int EnsembleSize { get; set; } = 1;

        /// <summary>
        /// The anomaly-score transforms also give each feature's share of the score under this name (a vector of the
        /// input's size: which inputs make a row anomalous); null leaves the column out.
        /// </summary>
        public string? FeatureContributionsColumnName { get; set; } = Defaults.FeatureContributionsColumnName;

        /// <summary>The anomaly-score transforms' Boolean label column (the score is above the threshold).</summary>
        public string PredictedLabelColumnName { get; set; } = Defaults.PredictedLabelColumnName;

        /// <summary>
        /// The training rows are known to be normal (a healthy period, a vetted sample): the model trains on every row, as
        /// nothing needs trimming (unless <see cref="TrimFraction"/> is set). The threshold is still the training scores'
        /// (1 - <see cref="TrainingOptionsBase.Contamination"/>) quantile: on clean rows that share is the false-alarm rate
        /// on rows like them. Leave it false for logs that may hold anomalies.
        /// </summary>
        public bool CleanTrainingData { get; set; }

        /// <summary>
        /// An optional column of what is known about the training rows, for the anomaly-score transforms: true (or 1) is a
        /// known anomaly, false (or 0) a known normal row, and a Single NaN a row nobody checked (a Boolean column knows every row). With it Fit
        /// (1) trains without the known anomalies, (2) chooses the score among those the family gives by cross-validated
        /// AUROC on the labelled rows (each fold's rows are scored by a model trained without them) and (3) sets the threshold
        /// from <see cref="TargetRecall"/> or <see cref="TargetPrecision"/> when one is set. It needs at least two known
        /// anomalies and two known normal rows to choose; the model card says what was chosen, on how many labels.
        /// Null (the default) reads no labels. The transform itself never reads the column.
        /// </summary>
        public string? LabelColumnName { get; set; }

        /// <summary>
        /// With <see cref="LabelColumnName"/>: the threshold is set so that this share of the known anomalies, scored by
        /// models that did not train on them, lies above it; it replaces the guessed <see cref="TrainingOptionsBase.Contamination"/>.
        /// Null (the default) keeps the contamination rule.
        /// </summary>
        public double? TargetRecall { get; set; }

        /// <summary>
        /// With <see cref="LabelColumnName"/>: the lowest threshold at which at least this share of the labelled rows above
        /// it are known anomalies (cross-validated, as for <see cref="TargetRecall"/>). This is the precision among the
        /// labelled rows: it holds for the table only as far as the labelled rows are a fair sample of it (label normal rows as freely as anomalies).
        /// Null (the default) keeps the contamination rule.
        /// </summary>
        public double? TargetPrecision { get; set; }




        /// <summary>Score on this CUDA device (needs the Microsoft.ML.OnnxRuntime.Gpu package); null scores on the CPU.</summary>
        public int? GpuDeviceId { get; set; }

        /// <summary>Score on the CPU when the GPU cannot be used.</summary>
        public bool FallbackToCpu { get; set; }



        // The family these options describe, in one place: its model, what it can do, the columns and score it adds,
        // and what a trained model needs before export. The estimator asks these; it never tests the options' type.

        /// <summary>The model these options describe, for rows of <paramref name="inputSize"/> values and conditions of <paramref name="conditionSize"/>.</summary>
        internal abstract GenerativeModel CreateModel(int inputSize, int conditionSize);

        /// <summary>What the family can do, known before any model exists: the estimator refuses a transform it lacks.</summary>
        internal virtual ModelCapabilities Capabilities => ModelCapabilities.Encode | ModelCapabilities.Reconstruct | ModelCapabilities.Score;

        /// <summary>The family's name in messages.</summary>
        internal virtual string FamilyName => "model";

        /// <summary>The condition column every transform also reads; null for unconditional models.</summary>
        internal virtual string? ConditionColumn => null;

        /// <summary>Whether rows are scaled (<see cref="FeatureScaling"/>) before the network sees them.</summary>
        internal virtual bool ScalesFeatures => FeatureScaling != ScalingKind.None;

        /// <summary>The anomaly score the scorer graph gives.</summary>
        internal virtual AnomalyScoreKind ScoreKind => AnomalyScoreKind.ReconstructionError;

        /// <summary>The scores a label column chooses among: <see cref="ScoreKind"/> first (it wins ties), then the family's others.</summary>
        internal virtual IReadOnlyList<AnomalyScoreKind> ScoreCandidates => new[] { ScoreKind };

        /// <summary>The Encode transform also gives the posterior log-variance under this name; null leaves it out.</summary>
        internal virtual string? LogVarianceColumn => null;

        /// <summary>The Encode transform also gives the code indices under this name; null leaves it out.</summary>
        internal virtual string? CodeIndicesColumn => null;

        /// <summary>
        /// What a trained model needs before export with <paramref name="score"/>, on the scaled training rows (the codes'
        /// Gaussian, the code prior) and the scaled known anomalies, where a label column gave some.
        /// </summary>
        internal virtual void AfterTraining(GenerativeModel model, TrainingData scaledRows, int seed, AnomalyScoreKind score, TrainingData? knownAnomalies = null) { }

        /// <summary>What a model needs before training, on the scaled training rows (the neighbourhood term's affinities).</summary>
        internal virtual void BeforeTraining(GenerativeModel model, TrainingData scaledRows, int seed) { }

        internal MlpArchitecture Architecture(int inputWidth) => new() { HiddenSizes = HiddenSizesFor(inputWidth), Activation = Activation };

        /// <summary>
        /// The trainer's options for the member trained from <paramref name="seed"/>: epochs left to the trainer's rule when
        /// automatic. A model fitted to <paramref name="encode"/> rows trains on every row unless <see cref="TrimFraction"/>
        /// is set: trimming serves anomaly scores, and it leaves rare-but-normal rows badly placed.
        /// </summary>
        internal TrainerOptions TrainerOptions(int seed, bool encode = false) =>
            TrainerOptionsFor(seed, Epochs, encode && TrimFraction is null ? 0 : TrimFractionFor());

        /// <summary>Every option, checked when the estimator is made: nothing found wrong only after training has started.</summary>
        internal override void Validate()
        {
            base.Validate();
            if (LatentSize is int latent && !(latent > 0 && latent <= Defaults.MaxLatentSize))
                throw new ArgumentOutOfRangeException(nameof(LatentSize), latent, $"The latent size must be in [1, {Defaults.MaxLatentSize}] (the exported graphs' limit).");
            if (TrimFraction is double trim && !(trim >= 0 && trim < 0.5))
                throw new ArgumentOutOfRangeException(nameof(TrimFraction), trim, "The trimmed share of each batch must be in [0, 0.5).");
            if (EnsembleSize < 1) throw new ArgumentOutOfRangeException(nameof(EnsembleSize), EnsembleSize, "The ensemble needs at least one model.");
            if (!Enum.IsDefined(FeatureScaling)) throw new ArgumentOutOfRangeException(nameof(FeatureScaling), FeatureScaling, "Unknown scaling.");
            if (!Enum.IsDefined(Activation)) throw new ArgumentOutOfRangeException(nameof(Activation), Activation, "Unknown activation.");
            if (GpuDeviceId is int gpu && gpu < 0) throw new ArgumentOutOfRangeException(nameof(GpuDeviceId), gpu, "A CUDA device id is 0 or more.");
            if (string.IsNullOrWhiteSpace(PredictedLabelColumnName))
                throw new ArgumentException("The PredictedLabel column needs a name.", nameof(PredictedLabelColumnName));
            if (LabelColumnName is not null && string.IsNullOrWhiteSpace(LabelColumnName))
                throw new ArgumentException("The label column needs a name, or null to read no labels.", nameof(LabelColumnName));
            if (TargetRecall is double recall && !(recall > 0 && recall <= 1))
                throw new ArgumentOutOfRangeException(nameof(TargetRecall), recall, "The target recall must be in (0, 1].");
            if (TargetPrecision is double precision && !(precision > 0 && precision <= 1))
                throw new ArgumentOutOfRangeException(nameof(TargetPrecision), precision, "The target precision must be in (0, 1].");
            if (TargetRecall is not null && TargetPrecision is not null)
                throw new ArgumentException("Set TargetRecall or TargetPrecision, not both: each sets the threshold.", nameof(TargetPrecision));
            if ((TargetRecall ?? TargetPrecision) is not null && LabelColumnName is null)
                throw new ArgumentException("A target recall or precision is measured on known anomalies: set LabelColumnName too.",
                                            TargetRecall is null ? nameof(TargetPrecision) : nameof(TargetRecall));
            if (FeatureContributionsColumnName is not null && string.IsNullOrWhiteSpace(FeatureContributionsColumnName))
                throw new ArgumentException("The contributions column needs a name, or null to leave it out.", nameof(FeatureContributionsColumnName));
            TrainerOptions(Seed ?? 0).Validate(); // with the trimmed share // what the trainer checks: batch size, learning rate, validation share, patience, threads
        }
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Optimization;

namespace Generative.ML.Estimators
{
    /// <summary>
    /// What every estimator of the family trains: the network and the trainer. The defaults suit small tabular data.
    /// </summary>
    public abstract class GenerativeEstimatorOptions
    {
        private protected GenerativeEstimatorOptions() { }

        /// <summary>Size of the code (plain autoencoders) or of z (VAEs).</summary>
        public int LatentSize { get; set; } = 8;

        /// <summary>Encoder widths from the input inwards; the decoder mirrors them.</summary>
        public IReadOnlyList<long> HiddenSizes { get; set; } = new long[] { 64, 32 };

        public Activation Activation { get; set; } = Activation.ReLU;

        public int Epochs { get; set; } = 50;
        public int BatchSize { get; set; } = 64;
        public double LearningRate { get; set; } = 1e-3;

        /// <summary>Share of rows held out to measure a validation loss each epoch (needed for early stopping).</summary>
        public double ValidationFraction { get; set; }

        /// <summary>Stop when the validation loss has not improved for this many epochs; keep the best epoch's weights.</summary>
        public int? EarlyStoppingPatience { get; set; }

        /// <summary>
        /// Decides the initial weights, the validation split, shuffling and sampling noise: the same seed and thread count
        /// give byte-identical ONNX graphs in any process. A catalog extension cannot reach the MLContext's seed, so the
        /// estimator uses this one, whatever MLContext was made with.
        /// </summary>
        public int Seed { get; set; }

        /// <summary>Torch's thread count while training; null leaves torch's setting as it is.</summary>
        public int? Threads { get; set; }

        /// <summary>
        /// Share of the training rows expected to be anomalies: the threshold for PredictedLabel is the training scores'
        /// (1 - Contamination) quantile.
        /// </summary>
        public double Contamination { get; set; } = 0.05;

        /// <summary>
        /// The trimmed objective: each training batch leaves out this share of its rows, those the model fits worst, so
        /// that anomalies in the training data are not learned as normal. Null (the default) uses <see cref="Contamination"/>;
        /// 0 trains on every row. It hurts when the data is clean and its rare-but-normal rows matter: they are then
        /// fitted less well and score higher.
        /// </summary>
        public double? TrimFraction { get; set; }

        /// <summary>
        /// How features are scaled before the network sees them: Robust (the default) centres each on its median and
        /// divides by its interquartile range / 1.349, so a few extreme rows cannot stretch the scale. The scaling is
        /// fitted on the training rows and written into the saved model; outputs come back in the data's own units.
        /// Models with the Bernoulli likelihood always see the data as it is.
        /// </summary>
        public ScalingKind FeatureScaling { get; set; } = ScalingKind.Robust;

        /// <summary>
        /// The anomaly-score transforms also give each feature's share of the score under this name (a vector of the
        /// input's size: which inputs make a row anomalous); null leaves the column out.
        /// </summary>
        public string? FeatureContributionsColumnName { get; set; } = "FeatureContributions";

        /// <summary>Score on this CUDA device (needs the Microsoft.ML.OnnxRuntime.Gpu package); null scores on the CPU.</summary>
        public int? GpuDeviceId { get; set; }

        /// <summary>Score on the CPU when the GPU cannot be used.</summary>
        public bool FallbackToCpu { get; set; }

        /// <summary>Reports after every batch and epoch of training.</summary>
        public IProgress<TrainingProgress>? Progress { get; set; }

        /// <summary>Cancels training between two batches (Fit then throws OperationCanceledException).</summary>
        public CancellationToken CancellationToken { get; set; }

        internal MlpArchitecture Architecture() => new() { HiddenSizes = HiddenSizes, Activation = Activation };

        internal TrainerOptions TrainerOptions() => new() {
            Epochs = Epochs,
            BatchSize = BatchSize,
            LearningRate = LearningRate,
            ValidationFraction = ValidationFraction,
            EarlyStoppingPatience = EarlyStoppingPatience,
            Seed = Seed,
            Threads = Threads,
            TrimFraction = TrimFraction ?? Contamination,
        };

        internal virtual void Validate()
        {
            if (LatentSize <= 0) throw new ArgumentOutOfRangeException(nameof(LatentSize), LatentSize, "The latent size must be positive.");
            if (!(Contamination > 0 && Contamination < 0.5))
                throw new ArgumentOutOfRangeException(nameof(Contamination), Contamination, "The contamination must be in (0, 0.5).");
            if (TrimFraction is double trim && !(trim >= 0 && trim < 0.5))
                throw new ArgumentOutOfRangeException(nameof(TrimFraction), trim, "The trimmed share of each batch must be in [0, 0.5).");
            if (!Enum.IsDefined(FeatureScaling)) throw new ArgumentOutOfRangeException(nameof(FeatureScaling), FeatureScaling, "Unknown scaling.");
        }
    }
}

using System;
using Generative.ML.Training;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;

namespace Generative.ML
{
    /// <summary>
    /// The VQ-VAE's settings for the VectorQuantized* transforms (more than one stage: the residual VQ-VAE). Encode gives
    /// the quantised code; its anomaly score is the reconstruction error; Sample draws code combinations with the shares
    /// the training rows took them (the empirical prior), so it only gives back combinations seen in training.
    /// </summary>
    public sealed class VectorQuantizedOptions : GenerativeEstimatorOptions
    {
        /// <summary>K, the vectors in each stage's codebook.</summary>
        public int CodebookSize { get; set; } = 32;

        /// <summary>Quantiser stages: 1 for the VQ-VAE; more quantise what the stages before left (residual VQ).</summary>
        public int Stages { get; set; } = 1;

        /// <summary>beta, the weight of the commitment loss ||z_e - sg(z_q)||^2 (0.25, as in the VQ-VAE paper).</summary>
        public double CommitmentWeight { get; set; } = 0.25;

        /// <summary>VectorQuantizedEncode also gives each row's code index per stage (Single vector of Stages) under this name; null leaves it out.</summary>
        public string? CodeIndicesColumnName { get; set; }

        internal override GenerativeModel CreateModel(int inputSize, int conditionSize) =>
            new VectorQuantizedAutoencoder(inputSize, LatentSizeFor(inputSize), CodebookSize, Stages, CommitmentWeight, Architecture(inputSize));

        internal override ModelCapabilities Capabilities => base.Capabilities | ModelCapabilities.Sample;

        internal override string FamilyName => "VQ-VAE";

        internal override string? CodeIndicesColumn => CodeIndicesColumnName;

        /// <summary>Sample draws code combinations with the shares the training rows took them.</summary>
        internal override void AfterTraining(GenerativeModel model, TrainingData scaledRows, int seed, AnomalyScoreKind score, TrainingData? knownAnomalies = null) => ((VectorQuantizedAutoencoder)model).FitCodePrior(scaledRows);

        internal override void Validate()
        {
            base.Validate();
            if (CodebookSize < 2) throw new ArgumentOutOfRangeException(nameof(CodebookSize), CodebookSize, "A codebook needs at least 2 vectors.");
            if (Stages < 1) throw new ArgumentOutOfRangeException(nameof(Stages), Stages, "The quantiser needs at least one stage.");
            Check.FiniteNonNegative(CommitmentWeight, nameof(CommitmentWeight), "The commitment weight");
        }
    }
}

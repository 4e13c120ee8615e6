using System;
using System.Collections.Generic;
using Generative.ML.Training.Data;
using Generative.ML.Training.Export;
using Generative.ML.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// What every model of the family offers the trainer and the exporter: sizes, a training loss, a deterministic
    /// encoding and reconstruction. Inputs are flat rows [N, InputSize] (images flattened channel-major).
    /// </summary>
    public abstract class GenerativeModel : nn.Module
    {
        private protected GenerativeModel(string name, long inputSize, long latentSize, long conditionSize) : base(name)
        {
            if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "The input size must be positive.");
            if (latentSize <= 0) throw new ArgumentOutOfRangeException(nameof(latentSize), latentSize, "The latent size must be positive.");
            if (conditionSize < 0) throw new ArgumentOutOfRangeException(nameof(conditionSize), conditionSize, "The condition size cannot be negative.");
            InputSize = inputSize;
            LatentSize = latentSize;
            ConditionSize = conditionSize;
        }

        public abstract ModelKind Kind { get; }
        public long InputSize { get; }
        public long LatentSize { get; }

        /// <summary>Values per row of the condition vector; 0 for unconditional models.</summary>
        public long ConditionSize { get; }

        /// <summary>The training objective on a batch, averaged over its rows.</summary>
        public abstract LossTerms Loss(Tensor x, Tensor? condition, TrainingStep step);

        /// <summary>The code (plain autoencoders) or the posterior mean (VAEs): deterministic, for downstream use.</summary>
        public abstract Tensor Encode(Tensor x, Tensor? condition = null);

        /// <summary>The deterministic reconstruction of x: decode(encode(x)).</summary>
        public abstract Tensor Reconstruct(Tensor x, Tensor? condition = null);

        /// <summary>
        /// Draws every weight afresh from <paramref name="seed"/>, with PyTorch's default initialisation for each layer:
        /// the same seed gives the same weights in any process, whatever was drawn before.
        /// </summary>
        public void InitializeWeights(long seed)
        {
            InitialWeights.Draw(this, seed);
            using var _ = no_grad();
            ResetOwnParameters();
        }

        /// <summary>Puts the parameters that belong to the model itself, not to its layers, back to their initial values.</summary>
        private protected virtual void ResetOwnParameters() { }

        /// <summary>The encoder graph's outputs (name, value) for x[, condition]; the exporter declares the inputs.</summary>
        internal abstract IReadOnlyList<(string name, string value)> EmitEncoder(OnnxGraphBuilder graph, string x, string? condition);

        /// <summary>The name the decoder graph gives its latent input ("z", or "code" for plain autoencoders).</summary>
        internal abstract string LatentInputName { get; }

        /// <summary>The decoder graph: the mean of p(x | z[, condition]) (or the plain reconstruction).</summary>
        internal abstract string EmitDecoder(OnnxGraphBuilder graph, string z, string? condition);

        /// <summary>The scorer graph's values for x[, condition]; deterministic (no sampling).</summary>
        internal abstract ScorerNodes EmitScorer(OnnxGraphBuilder graph, string x, string? condition);

        /// <summary>What the exported files' metadata says about this model beyond kind and sizes (at least "score").</summary>
        internal abstract void AddExportMetadata(IDictionary<string, string> metadata);

        /// <summary>Throws if the data does not fit the model; called by the trainer before any work.</summary>
        public virtual void CheckTrainingData(TrainingData data)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            if (data.FeatureCount != InputSize)
                throw new InvalidTrainingDataException($"The model takes rows of {InputSize} values; the data has {data.FeatureCount}.", nameof(data));
            if (data.ConditionCount != ConditionSize)
                throw new InvalidTrainingDataException(ConditionSize == 0
                    ? $"The model takes no condition; the data has {data.ConditionCount} condition values per row."
                    : $"The model takes a condition of {ConditionSize} values per row; the data has {data.ConditionCount}.", nameof(data));
        }

        private protected void CheckInput(Tensor x)
        {
            if (x.dim() != 2 || x.shape[1] != InputSize)
                throw new ArgumentException($"Expected rows of {InputSize} values, shape [N, {InputSize}]; got [{string.Join(", ", x.shape)}].", nameof(x));
        }
    }
}

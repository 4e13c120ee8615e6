using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Optimization
{
    /// <summary>
    /// What the trainer needs of a model: its sizes, its training loss (and an adversary's, for adversarial models),
    /// which parameters its optimizer owns, seeded initial weights, and a check of the data. Every model family derives
    /// from it (through GenerativeModel); the trainer knows nothing else of them.
    /// </summary>
    internal abstract class TrainableModel : nn.Module
    {
        private protected TrainableModel(string name, long inputSize, long latentSize, long conditionSize) : base(name)
        {
            if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "The input size must be positive.");
            if (latentSize <= 0) throw new ArgumentOutOfRangeException(nameof(latentSize), latentSize, "The latent size must be positive.");
            if (conditionSize < 0) throw new ArgumentOutOfRangeException(nameof(conditionSize), conditionSize, "The condition size cannot be negative.");
            InputSize = inputSize;
            LatentSize = latentSize;
            ConditionSize = conditionSize;
        }

        /// <summary>The model's kind, as written into the exported graphs' metadata: its type's name by default.</summary>
        public virtual string Kind => GetType().Name;

        /// <summary>Values per row.</summary>
        public long InputSize { get; }

        /// <summary>Size of the code or of z.</summary>
        public long LatentSize { get; }

        /// <summary>Values per row of the condition vector; 0 for unconditional models.</summary>
        public long ConditionSize { get; }

        /// <summary>The training objective on a batch, averaged over its rows.</summary>
        public abstract LossTerms Loss(Tensor x, Tensor? condition, TrainingStep step);

        /// <summary>
        /// The adversarial models' discriminator: a network trained by an optimizer of its own on
        /// <see cref="AdversaryLoss"/>, one step before each of the model's steps. Null for the other models.
        /// </summary>
        public virtual nn.Module? Adversary => null;

        /// <summary>The discriminator's loss on a batch (adversarial models only); the model's own outputs in it are detached.</summary>
        public virtual LossTerms AdversaryLoss(Tensor x, Tensor? condition, TrainingStep step) =>
            throw new InvalidOperationException($"A {Kind} has no adversary (its Adversary is null): the trainer never asks it for an adversary loss.");

        /// <summary>Adam's beta1 for this model's optimizers: 0.5 for adversarial models, as GANs are usually trained.</summary>
        internal virtual double AdamBeta1 => Adversary is null ? 0.9 : 0.5;

        /// <summary>The parameters the model's own optimizer trains: all of them but the adversary's.</summary>
        internal IEnumerable<TorchSharp.Modules.Parameter> OwnParameters()
        {
            if (Adversary is null) return parameters();
            // Adversarial models keep their discriminator in a field of this name (the prefix of its parameters' names).
            const string prefix = "discriminator.";
            var own = named_parameters().Where(p => !p.name.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p.parameter).ToArray();
            if (own.Length + Adversary.parameters().Count() != parameters().Count())
                throw new InvalidOperationException($"A {Kind} must keep its adversary in a field named 'discriminator'.");
            return own;
        }

        /// <summary>
        /// Draws every weight afresh from <paramref name="seed"/>, with PyTorch's default initialisation for each layer:
        /// the same seed gives the same weights in any process, whatever was drawn before.
        /// </summary>
        public void InitializeWeights(long seed)
        {
            // One stream from the seed: the layers' weights, then whatever the model draws for its own parameters.
            using var generator = new Generator(unchecked((ulong)seed), CPU);
            InitialWeights.Draw(this, generator);
            using var _ = no_grad();
            using var draws = RandomDraws.From(generator);
            ResetOwnParameters();
        }

        /// <summary>Puts the parameters that belong to the model itself, not to its layers, back to their initial values.</summary>
        private protected virtual void ResetOwnParameters() { }

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
    }
}

using System;
using System.Collections.Generic;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Objectives;
using Generative.ML.Training.Optimization;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// The importance-weighted autoencoder (Burda et al.): the same networks as the VAE, trained on the k-sample bound
    /// log (1/k) sum_k p(x, z_k) / q(z_k | x), z_k ~ q(z | x), which is tighter than the ELBO (k = 1) and approaches
    /// log p(x) as k grows. The bound has no beta: a KL weight other than constant 1 is refused.
    /// </summary>
    internal sealed class ImportanceWeightedAutoencoder : VariationalAutoencoder
    {
        /// <summary>The VAE trained on the importance-weighted bound with <paramref name="samples"/> draws per row.</summary>
        public ImportanceWeightedAutoencoder(long inputSize, long latentSize, int samples = 5, NetworkArchitecture? architecture = null,
                                             VaeOptions? options = null)
            : base(nameof(ImportanceWeightedAutoencoder), inputSize, latentSize, 0, architecture, CheckOptions(options))
        {
            if (samples <= 0) throw new ArgumentOutOfRangeException(nameof(samples), samples, "The number of importance samples k must be positive.");
            Samples = samples;
        }


        /// <summary>k, the number of importance samples per row in training.</summary>
        public int Samples { get; }

        /// <inheritdoc/>
        public override LossTerms Loss(Tensor x, Tensor? condition, TrainingStep step)
        {
            using var logW = LogImportanceWeights(x, condition, Samples);
            using var bound = Objective.LogMeanExp(logW, 0);
            using var kept = Objective.KeptRows(-bound, step.TrimFraction);
            using var boundMean = Objective.MeanOver(bound, kept);
            using var perRowElbo = logW.mean(new long[] { 0 });
            using var elbo = Objective.MeanOver(perRowElbo, kept);
            using var negativeElbo = -elbo;
            // The part reported is the k = 1 bound (a Monte Carlo negative ELBO), to compare with the loss, the k-sample one.
            return new LossTerms(-boundMean, new List<(string, Tensor)> { ("negative_elbo", negativeElbo.detach()) });
        }

        static VaeOptions? CheckOptions(VaeOptions? options)
        {
            if (options != null && !options.Beta.IsConstant(1))
                throw new ArgumentException("The IWAE bound has no KL weight: leave Beta at constant 1.", nameof(options));
            return options;
        }
    }
}

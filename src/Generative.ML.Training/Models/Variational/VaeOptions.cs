using System;

namespace Generative.ML.Training.Models
{
    /// <summary>The VAE family's settings beyond the architecture.</summary>
    internal sealed class VaeOptions
    {
        /// <summary>The observation model p(x | z).</summary>
        public Likelihood Likelihood { get; init; } = Likelihood.GaussianLearnedVariance;

        /// <summary>The fixed variance of <see cref="Likelihood.GaussianFixedVariance"/>, or the starting value of the learned one.</summary>
        public double ObservationVariance { get; init; } = 1.0;

        /// <summary>The KL weight over training; constant 1 is the plain ELBO.</summary>
        public BetaSchedule Beta { get; init; } = BetaSchedule.Constant(1);

        /// <summary>
        /// Log-variances (of q(z | x), and of a learned p(x | z)) are kept inside (-bound, bound) by a smooth squashing,
        /// so exp(logvar) can neither overflow nor vanish in float32.
        /// </summary>
        public double LogVarianceBound { get; init; } = 10;

        internal void Validate()
        {
            if (!Enum.IsDefined(Likelihood)) throw new ArgumentOutOfRangeException(nameof(Likelihood), Likelihood, "Unknown likelihood.");
            Check.Positive(ObservationVariance, nameof(ObservationVariance), "The observation variance");
            if (Beta is null) throw new ArgumentNullException(nameof(Beta));
            if (!(LogVarianceBound > 0 && LogVarianceBound <= 30))
                throw new ArgumentOutOfRangeException(nameof(LogVarianceBound), LogVarianceBound, "The log-variance bound must be in (0, 30].");
            if (Math.Abs(Math.Log(ObservationVariance)) >= LogVarianceBound)
                throw new ArgumentOutOfRangeException(nameof(ObservationVariance), ObservationVariance,
                    $"log(ObservationVariance) must lie inside the log-variance bound +-{LogVarianceBound}.");
        }
    }
}

using System;
using Generative.ML.Training;

namespace Generative.ML
{
    /// <summary>
    /// The weight beta of the KL term over training, as a function of the epochs done so far (fractional, so it moves
    /// every batch). beta = 1 is the plain ELBO; beta &gt; 1 trades reconstruction for a more factorised code; ramping
    /// beta up from 0 (KL annealing) helps the decoder learn before the KL term can collapse the posterior.
    /// </summary>
    public abstract class BetaSchedule
    {
        private protected BetaSchedule(double beta)
        {
            Check.FiniteNonNegative(beta, nameof(beta), "beta");
            Beta = beta;
        }

        /// <summary>The value the schedule reaches (and keeps, once training is over).</summary>
        public double Beta { get; }

        /// <summary>beta after <paramref name="epochs"/> epochs of training; <see cref="Beta"/> for +infinity.</summary>
        internal double At(double epochs) => double.IsPositiveInfinity(epochs) ? Beta : Math.Max(0, ValueAt(Math.Max(0, epochs)));

        private protected abstract double ValueAt(double epochs);

        /// <summary>beta at every step.</summary>
        public static BetaSchedule Constant(double beta) => new ConstantSchedule(beta);

        /// <summary>From 0 up to beta linearly over the first <paramref name="warmupEpochs"/> epochs, then beta.</summary>
        public static BetaSchedule LinearWarmup(double beta, double warmupEpochs) => new WarmupSchedule(beta, warmupEpochs);

        /// <summary>
        /// Repeats every <paramref name="cycleEpochs"/> epochs: a linear ramp from 0 to beta over the first
        /// <paramref name="rampFraction"/> of the cycle, then beta for the rest (the cyclical annealing of Fu et al., 2019).
        /// </summary>
        public static BetaSchedule Cyclical(double beta, double cycleEpochs, double rampFraction = 0.5) =>
            new CyclicalSchedule(beta, cycleEpochs, rampFraction);

        internal bool IsConstant(double value) => this is ConstantSchedule && Beta == value;

        static double CheckPositive(double value, string name) => Check.Positive(value, name, name);

        sealed class ConstantSchedule : BetaSchedule
        {
            public ConstantSchedule(double beta) : base(beta) { }
            private protected override double ValueAt(double epochs) => Beta;
            public override string ToString() => $"constant {Beta}";
        }

        sealed class WarmupSchedule : BetaSchedule
        {
            readonly double _warmup;
            public WarmupSchedule(double beta, double warmupEpochs) : base(beta) => _warmup = CheckPositive(warmupEpochs, nameof(warmupEpochs));
            private protected override double ValueAt(double epochs) => Beta * Math.Min(1, epochs / _warmup);
            public override string ToString() => $"linear warm-up to {Beta} over {_warmup} epochs";
        }

        sealed class CyclicalSchedule : BetaSchedule
        {
            readonly double _cycle, _ramp;
            public CyclicalSchedule(double beta, double cycleEpochs, double rampFraction) : base(beta)
            {
                _cycle = CheckPositive(cycleEpochs, nameof(cycleEpochs));
                if (!(rampFraction > 0 && rampFraction <= 1))
                    throw new ArgumentOutOfRangeException(nameof(rampFraction), rampFraction, "The ramp fraction must be in (0, 1].");
                _ramp = rampFraction;
            }
            private protected override double ValueAt(double epochs)
            {
                var phase = epochs / _cycle - Math.Floor(epochs / _cycle);
                return Beta * Math.Min(1, phase / _ramp);
            }
            public override string ToString() => $"cyclical to {Beta} every {_cycle} epochs, ramp {_ramp:P0}";
        }
    }
}

using System;

namespace Generative.ML
{
    /// <summary>A factor on the base learning rate, set at the start of each epoch.</summary>
    public abstract class LearningRateSchedule
    {
        private protected LearningRateSchedule() { }

        /// <summary>The factor for zero-based <paramref name="epoch"/> out of <paramref name="epochs"/>.</summary>
        internal abstract double Factor(int epoch, int epochs);

        /// <summary>The base rate throughout.</summary>
        public static LearningRateSchedule Constant { get; } = new ConstantSchedule();

        /// <summary>Multiplies the rate by <paramref name="gamma"/> every <paramref name="everyEpochs"/> epochs.</summary>
        public static LearningRateSchedule Step(int everyEpochs, double gamma)
        {
            if (everyEpochs <= 0) throw new ArgumentOutOfRangeException(nameof(everyEpochs), everyEpochs, "The step interval must be positive.");
            if (!(gamma > 0 && gamma <= 1)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be in (0, 1].");
            return new StepSchedule(everyEpochs, gamma);
        }

        /// <summary>Cosine annealing from the base rate down to <paramref name="finalFactor"/> times it at the last epoch.</summary>
        public static LearningRateSchedule Cosine(double finalFactor = 0)
        {
            if (!(finalFactor >= 0 && finalFactor <= 1))
                throw new ArgumentOutOfRangeException(nameof(finalFactor), finalFactor, "The final factor must be in [0, 1].");
            return new CosineSchedule(finalFactor);
        }

        sealed class ConstantSchedule : LearningRateSchedule
        {
            internal override double Factor(int epoch, int epochs) => 1;
            public override string ToString() => "constant";
        }

        sealed class StepSchedule : LearningRateSchedule
        {
            readonly int _every;
            readonly double _gamma;
            public StepSchedule(int every, double gamma) => (_every, _gamma) = (every, gamma);
            internal override double Factor(int epoch, int epochs) => Math.Pow(_gamma, epoch / _every);
            public override string ToString() => $"x{_gamma} every {_every} epochs";
        }

        sealed class CosineSchedule : LearningRateSchedule
        {
            readonly double _final;
            public CosineSchedule(double final) => _final = final;
            internal override double Factor(int epoch, int epochs) =>
                epochs <= 1 ? 1 : _final + (1 - _final) * 0.5 * (1 + Math.Cos(Math.PI * epoch / (epochs - 1)));
            public override string ToString() => $"cosine to x{_final}";
        }
    }
}

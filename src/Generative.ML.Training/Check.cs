using System;

namespace Generative.ML.Training
{
    /// <summary>The argument checks every option and model constructor shares: one place for each rule and its message.</summary>
    internal static class Check
    {
        /// <summary>Throws unless <paramref name="value"/> is a finite number >= 0 (NaN fails); returns it.</summary>
        public static double FiniteNonNegative(double value, string parameter, string what) =>
            value >= 0 && !double.IsInfinity(value) ? value
                : throw new ArgumentOutOfRangeException(parameter, value, $"{what} must be a finite number >= 0.");

        /// <summary>Throws unless <paramref name="value"/> is a finite number > 0 (NaN fails); returns it.</summary>
        public static double Positive(double value, string parameter, string what) =>
            value > 0 && !double.IsInfinity(value) ? value
                : throw new ArgumentOutOfRangeException(parameter, value, $"{what} must be a positive number.");
    }
}

using System;

namespace Generative.ML
{
    /// <summary>
    /// Training data that cannot be used: empty, ragged, non-finite or outside the model's domain. Raised before any
    /// training starts; <see cref="Row"/> and <see cref="Column"/> locate the offending value when there is one.
    /// </summary>
    public sealed class InvalidTrainingDataException : ArgumentException
    {
        /// <summary>A refusal of <paramref name="paramName"/>, naming the row and column where known.</summary>
        internal InvalidTrainingDataException(string message, string paramName, int? row = null, int? column = null)
            : base(message, paramName)
        {
            Row = row;
            Column = column;
        }

        /// <summary>Zero-based row of the offending value, if one row is to blame.</summary>
        public int? Row { get; }

        /// <summary>Zero-based column of the offending value, if one value is to blame.</summary>
        public int? Column { get; }
    }
}

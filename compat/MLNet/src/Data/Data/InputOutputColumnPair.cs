using System;

namespace Microsoft.ML
{
    /// <summary>An output column name and the input column it is made from (the same name when omitted).</summary>
    public sealed class InputOutputColumnPair
    {
        public string InputColumnName { get; }
        public string OutputColumnName { get; }

        public InputOutputColumnPair(string outputColumnName, string inputColumnName = null)
        {
            if (string.IsNullOrEmpty(outputColumnName))
                throw new ArgumentNullException(nameof(outputColumnName));
            OutputColumnName = outputColumnName;
            InputColumnName = inputColumnName ?? outputColumnName;
        }
    }
}

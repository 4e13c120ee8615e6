using System;

namespace Generative.ML.Cli
{
    /// <summary>A user's mistake (a file, a column, a value): printed as one line, exit code 1.</summary>
    internal sealed class CliException(string message) : Exception(message);
}

using System;
using System.IO;

namespace Generative.ML
{
    /// <summary>
    /// A model file that cannot be used as it is: not a model, cut short, changed since it was saved (its graphs no longer
    /// match the hashes in its model card), or holding parts that do not fit together. The message names the file and,
    /// where one is to blame, the part inside it. Loading never runs or keeps anything from such a file.
    /// </summary>
    public sealed class ModelFileException : IOException
    {
        internal ModelFileException(string path, string? part, string reason, Exception? inner = null)
            : base($"{path}: {(part is null ? "" : part + ": ")}{reason}.", inner)
        {
            Path = path;
            Part = part;
        }

        /// <summary>The model file.</summary>
        public string Path { get; }

        /// <summary>The entry inside the file that is to blame, or null where it is the file as a whole.</summary>
        public string? Part { get; }
    }
}

using Microsoft.ML.Data;

namespace Microsoft.ML
{
    /// <summary>Loading delimited text files.</summary>
    public static class TextLoaderSaverCatalog
    {
        /// <summary>
        /// A lazy view of a delimited text file; columns come from <typeparamref name="TInput"/>'s [LoadColumn] members.
        /// The file is read when a cursor moves, not here.
        /// </summary>
        public static IDataView LoadFromTextFile<TInput>(this DataOperationsCatalog catalog, string path, char separatorChar = '\t',
            bool hasHeader = false, bool allowQuoting = false, bool trimWhitespace = false)
            => new TextFileDataView(path, typeof(TInput), separatorChar, hasHeader, allowQuoting, trimWhitespace);
    }
}

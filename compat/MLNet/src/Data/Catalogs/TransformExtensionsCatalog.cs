using System;
using System.Linq;
using Microsoft.ML.Transforms;

namespace Microsoft.ML
{
    /// <summary>Column plumbing: copy, concatenate, select, drop.</summary>
    public static class TransformExtensionsCatalog
    {
        public static ColumnCopyingEstimator CopyColumns(this TransformsCatalog catalog, string outputColumnName, string inputColumnName)
            => new ColumnCopyingEstimator((outputColumnName, inputColumnName));

        public static ColumnCopyingEstimator CopyColumns(this TransformsCatalog catalog, InputOutputColumnPair[] columns)
            => new ColumnCopyingEstimator(Pairs(columns));

        public static ColumnConcatenatingEstimator Concatenate(this TransformsCatalog catalog, string outputColumnName, params string[] inputColumnNames)
            => new ColumnConcatenatingEstimator(outputColumnName, inputColumnNames);

        public static ColumnSelectingEstimator DropColumns(this TransformsCatalog catalog, params string[] columnNames)
            => new ColumnSelectingEstimator(null, columnNames ?? throw new ArgumentNullException(nameof(columnNames)), false);

        public static ColumnSelectingEstimator SelectColumns(this TransformsCatalog catalog, params string[] columnNames)
            => SelectColumns(catalog, columnNames, false);

        public static ColumnSelectingEstimator SelectColumns(this TransformsCatalog catalog, string[] columnNames, bool keepHidden)
            => new ColumnSelectingEstimator(columnNames ?? throw new ArgumentNullException(nameof(columnNames)), null, keepHidden);

        internal static (string, string)[] Pairs(InputOutputColumnPair[] columns)
            => (columns ?? throw new ArgumentNullException(nameof(columns))).Select(c => (c.OutputColumnName, c.InputColumnName)).ToArray();
    }

    /// <summary>Normalization.</summary>
    public static class NormalizationCatalog
    {
        private const long MaximumExampleCount = 1000000000;

        public static NormalizingEstimator NormalizeMinMax(this TransformsCatalog catalog, string outputColumnName, string inputColumnName = null,
            long maximumExampleCount = MaximumExampleCount, bool fixZero = true)
            => new NormalizingEstimator(new[] { (outputColumnName, inputColumnName ?? outputColumnName) }, NormalizingEstimator.Mode.MinMax, maximumExampleCount, fixZero);

        public static NormalizingEstimator NormalizeMinMax(this TransformsCatalog catalog, InputOutputColumnPair[] columns,
            long maximumExampleCount = MaximumExampleCount, bool fixZero = true)
            => new NormalizingEstimator(TransformExtensionsCatalog.Pairs(columns), NormalizingEstimator.Mode.MinMax, maximumExampleCount, fixZero);

        public static NormalizingEstimator NormalizeMeanVariance(this TransformsCatalog catalog, string outputColumnName, string inputColumnName = null,
            long maximumExampleCount = MaximumExampleCount, bool fixZero = true)
            => new NormalizingEstimator(new[] { (outputColumnName, inputColumnName ?? outputColumnName) }, NormalizingEstimator.Mode.MeanVariance, maximumExampleCount, fixZero);

        public static NormalizingEstimator NormalizeMeanVariance(this TransformsCatalog catalog, InputOutputColumnPair[] columns,
            long maximumExampleCount = MaximumExampleCount, bool fixZero = true)
            => new NormalizingEstimator(TransformExtensionsCatalog.Pairs(columns), NormalizingEstimator.Mode.MeanVariance, maximumExampleCount, fixZero);
    }

    /// <summary>Type conversion.</summary>
    public static class ConversionsExtensionsCatalog
    {
        public static TypeConvertingEstimator ConvertType(this TransformsCatalog.ConversionTransforms catalog, string outputColumnName,
            string inputColumnName = null, Data.DataKind outputKind = Data.DataKind.Single)
            => new TypeConvertingEstimator(new[] { (outputColumnName, inputColumnName ?? outputColumnName) }, outputKind);

        public static TypeConvertingEstimator ConvertType(this TransformsCatalog.ConversionTransforms catalog, InputOutputColumnPair[] columns,
            Data.DataKind outputKind = Data.DataKind.Single)
            => new TypeConvertingEstimator(TransformExtensionsCatalog.Pairs(columns), outputKind);
    }

    /// <summary>User-defined row mappings.</summary>
    public static class CustomMappingCatalog
    {
        /// <param name="contractName">The name the mapping is saved under; null makes a model that cannot be saved.</param>
        public static CustomMappingEstimator<TSrc, TDst> CustomMapping<TSrc, TDst>(this TransformsCatalog catalog, Action<TSrc, TDst> mapAction, string contractName)
            where TSrc : class, new()
            where TDst : class, new()
            => new CustomMappingEstimator<TSrc, TDst>(mapAction, contractName);
    }
}

using System.Linq;
using Generative.ML;
using Generative.ML.Estimators.Fitting;
using Generative.ML.Estimators.Tables;
using Generative.ML.Transformers.Tables;

namespace Microsoft.ML
{
    /// <summary>
    /// Tables in, tables out: <c>mlContext.Data.FitTableSynthesizer</c> trains a table VAE on columns of numbers, whole
    /// numbers, text, Boolean and key values (blanks included); the <see cref="TableSynthesizer"/> it gives generates rows
    /// in those columns and types, under a column's value if asked, and scores rows with a per-column breakdown.
    /// <c>mlContext.Data.EvaluateSynthetic</c> measures how like the real rows generated ones are.
    /// </summary>
    public static class TablesCatalog
    {
        /// <summary>Trains a table synthesizer on <paramref name="data"/>'s columns as <paramref name="options"/> say.</summary>
        public static TableSynthesizer FitTableSynthesizer(this DataOperationsCatalog catalog, IDataView data, TableSynthesizerOptions options) =>
            TableSynthesizerTrainer.Fit(data, options, Seed(catalog, options), ContextCancellation.Of(ContextSeed.Environment(catalog)));

        /// <summary>
        /// Trains a table synthesizer on a table already in memory (as a CSV reader makes it: whole-number columns may hold
        /// blanks there, which ML.NET's integer types cannot). <see cref="TableSynthesizerOptions.Columns"/> and
        /// <see cref="TableSynthesizerOptions.CategoricalColumns"/> are the table's own here and must be left unset.
        /// </summary>
        public static TableSynthesizer FitTableSynthesizer(this DataOperationsCatalog catalog, TableData table, TableSynthesizerOptions options)
        {
            if (options?.Columns is not null || options?.CategoricalColumns is not null)
                throw new System.ArgumentException("A table in memory has its columns and kinds already: leave Columns and CategoricalColumns unset.", nameof(options));
            return TableSynthesizerTrainer.Fit(table, options!, Seed(catalog, options!), ContextCancellation.Of(ContextSeed.Environment(catalog)));
        }

        /// <summary>Trains a table synthesizer on every visible column of <paramref name="data"/>, everything else at its default.</summary>
        /// <param name="catalog">The data catalog.</param>
        /// <param name="data">The table.</param>
        /// <param name="conditionColumn">A categorical column to generate rows under, or null.</param>
        /// <param name="epochs">Passes over the rows; null picks them from the row count.</param>
        /// <param name="seed">The same seed gives the same synthesizer.</param>
        public static TableSynthesizer FitTableSynthesizer(this DataOperationsCatalog catalog, IDataView data, string? conditionColumn = null,
                                                           int? epochs = null, int? seed = null) =>
            catalog.FitTableSynthesizer(data, new TableSynthesizerOptions { ConditionColumn = conditionColumn, Epochs = epochs, Seed = seed });

        /// <summary>The options' seed, or one drawn from the MLContext behind <paramref name="catalog"/>.</summary>
        static int Seed(DataOperationsCatalog catalog, TableSynthesizerOptions options) =>
            options?.Seed ?? ContextSeed.Draw(ContextSeed.Environment(catalog));

        /// <summary>
        /// The quality report of <paramref name="synthetic"/> rows against the <paramref name="real"/> rows the model
        /// learned from, over the real view's visible columns: column shapes, pair trends and detectability
        /// (<see cref="SyntheticQuality"/>). With <paramref name="heldOut"/>, real rows the model never saw, it also says
        /// whether the synthetic rows are new or near-copies of training rows (<see cref="SyntheticQualityReport.Privacy"/>):
        /// split the real table before training (for example with <c>mlContext.Data.TrainTestSplit</c>) to have them.
        /// Without it, that check is not made.
        /// </summary>
        public static SyntheticQualityReport EvaluateSynthetic(this DataOperationsCatalog catalog, IDataView real, IDataView synthetic, IDataView? heldOut = null, int seed = 0)
        {
            var realTable = TableDataView.Read(real);
            var names = realTable.Columns.Select(c => c.Name).ToArray();
            return SyntheticQuality.Evaluate(realTable, TableDataView.Read(synthetic, names), seed, heldOut is null ? null : TableDataView.Read(heldOut, names));
        }
    }
}

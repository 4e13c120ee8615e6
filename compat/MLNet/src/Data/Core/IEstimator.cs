using System.Collections.Generic;

namespace Microsoft.ML
{
    /// <summary>Something ML.NET can write into a model file.</summary>
    public interface ICanSaveModel
    {
        void Save(ModelSaveContext ctx);
    }

    /// <summary>A fitted transform: maps data views (lazily) and can be saved.</summary>
    public interface ITransformer : ICanSaveModel
    {
        bool IsRowToRowMapper { get; }

        DataViewSchema GetOutputSchema(DataViewSchema inputSchema);

        IDataView Transform(IDataView input);

        IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema);
    }

    /// <summary>Something that learns a transformer from data.</summary>
    public interface IEstimator<out TTransformer>
        where TTransformer : ITransformer
    {
        TTransformer Fit(IDataView input);

        /// <summary>The schema shape Fit's transformer would produce, checked without touching data.</summary>
        SchemaShape GetOutputSchema(SchemaShape inputSchema);
    }

    /// <summary>Maps one row to one row, without cursors.</summary>
    public interface IRowToRowMapper
    {
        DataViewSchema InputSchema { get; }

        DataViewSchema OutputSchema { get; }

        /// <summary>The input columns needed to compute <paramref name="dependingColumns"/> of the output.</summary>
        IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns);

        DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns);
    }
}

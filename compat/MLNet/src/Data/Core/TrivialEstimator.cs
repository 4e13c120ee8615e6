using System;

namespace Microsoft.ML.Data
{
    /// <summary>
    /// An estimator that learns nothing: it holds its transformer already and Fit only checks the data's schema.
    /// As in ML.NET, only ML.NET's own estimators derive from it (the constructor is not public).
    /// </summary>
    public abstract class TrivialEstimator<TTransformer> : IEstimator<TTransformer>
        where TTransformer : class, ITransformer
    {
        private protected readonly TTransformer Transformer;

        private protected TrivialEstimator(TTransformer transformer)
            => Transformer = transformer ?? throw new ArgumentNullException(nameof(transformer));

        public TTransformer Fit(IDataView input)
        {
            if (input == null)
                throw new ArgumentNullException(nameof(input));
            Transformer.GetOutputSchema(input.Schema);
            return Transformer;
        }

        public abstract SchemaShape GetOutputSchema(SchemaShape inputSchema);
    }

    /// <summary>
    /// A transformer that keeps its input's columns and appends those an internal row mapper computes. As in ML.NET,
    /// only ML.NET's own transformers derive from it.
    /// </summary>
    public abstract class RowToRowTransformerBase : ITransformer
    {
        private protected RowToRowTransformerBase()
        {
        }

        void ICanSaveModel.Save(ModelSaveContext ctx) => SaveModel(ctx);

        private protected abstract void SaveModel(ModelSaveContext ctx);

        private protected abstract IRowMapper MakeRowMapper(DataViewSchema schema);

        bool ITransformer.IsRowToRowMapper => true;

        IRowToRowMapper ITransformer.GetRowToRowMapper(DataViewSchema inputSchema) => RowMapping.Mapper(Map(inputSchema));

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Map(inputSchema).Output;

        public IDataView Transform(IDataView input)
            => RowMapping.Transform(input ?? throw new ArgumentNullException(nameof(input)), Map(input.Schema));

        private RowMap Map(DataViewSchema schema)
            => RowMap.Appending(schema ?? throw new ArgumentNullException(nameof(schema)), MakeRowMapper(schema));
    }
}

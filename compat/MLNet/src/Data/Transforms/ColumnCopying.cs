using System;
using System.Linq;
using Microsoft.ML.Data;

namespace Microsoft.ML.Transforms
{
    /// <summary>Copies columns under new names.</summary>
    public sealed class ColumnCopyingEstimator : IEstimator<ColumnCopyingTransformer>
    {
        private readonly (string Output, string Input)[] _columns;

        internal ColumnCopyingEstimator(params (string outputColumnName, string inputColumnName)[] columnsToCopy)
            => _columns = columnsToCopy.Select(c => (c.outputColumnName, c.inputColumnName ?? c.outputColumnName)).ToArray();

        public ColumnCopyingTransformer Fit(IDataView input)
        {
            if (input == null)
                throw new ArgumentNullException(nameof(input));
            var transformer = new ColumnCopyingTransformer(_columns);
            transformer.GetOutputSchema(input.Schema);
            return transformer;
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            if (inputSchema == null)
                throw new ArgumentNullException(nameof(inputSchema));
            return Shapes.With(inputSchema, _columns.Select(c => Shapes.Renamed(SchemaErrors.Find(inputSchema, c.Input, "input", nameof(inputSchema)), c.Output)).ToArray());
        }
    }

    public sealed class ColumnCopyingTransformer : ITransformer
    {
        private readonly (string Output, string Input)[] _columns;

        internal ColumnCopyingTransformer((string Output, string Input)[] columns) => _columns = columns;

        public bool IsRowToRowMapper => true;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Map(inputSchema).Output;
        public IDataView Transform(IDataView input) => RowMapping.Transform(input, Map(input.Schema));
        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => RowMapping.Mapper(Map(inputSchema));

        private RowMap Map(DataViewSchema schema)
            => RowMap.Appending(schema ?? throw new ArgumentNullException(nameof(schema)), new Mapper(schema, _columns));

        void ICanSaveModel.Save(ModelSaveContext ctx)
        {
            ctx.SetLoader(typeof(ColumnCopyingTransformer));
            ctx.WriteJson("Columns", _columns.Select(c => new[] { c.Output, c.Input }).ToArray());
        }

        internal static ITransformer LoadFrom(ModelLoadContext ctx)
            => new ColumnCopyingTransformer(ctx.ReadJson<string[][]>("Columns").Select(c => (c[0], c[1])).ToArray());

        private sealed class Mapper : OneToOneMapper
        {
            public Mapper(DataViewSchema input, (string, string)[] columns)
                : base(input, columns)
            {
            }

            protected override DataViewType OutputType(int i) => Sources[i].Type;
            protected override Delegate MakeGetter(DataViewRow input, int i) => RowMapping.Getter(input, Sources[i]);
        }
    }
}

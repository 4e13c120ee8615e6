using System;
using System.Linq;
using Microsoft.ML.Data;

namespace Microsoft.ML.Transforms
{
    /// <summary>Copies columns under new names.</summary>
    public sealed class ColumnCopyingEstimator : TrivialEstimator<ColumnCopyingTransformer>
    {
        private readonly (string Output, string Input)[] _columns;

        internal ColumnCopyingEstimator(params (string Output, string Input)[] columns)
            : base(new ColumnCopyingTransformer(columns))
            => _columns = columns;

        public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            if (inputSchema == null)
                throw new ArgumentNullException(nameof(inputSchema));
            return Shapes.With(inputSchema, _columns.Select(c => Shapes.Renamed(SchemaErrors.Find(inputSchema, c.Input, "input", nameof(inputSchema)), c.Output)).ToArray());
        }
    }

    public sealed class ColumnCopyingTransformer : RowToRowTransformerBase
    {
        private readonly (string Output, string Input)[] _columns;

        internal ColumnCopyingTransformer((string Output, string Input)[] columns) => _columns = columns;

        private protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(schema, _columns);

        private protected override void SaveModel(ModelSaveContext ctx)
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

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.Data;

namespace Microsoft.ML.Transforms
{
    /// <summary>Keeps or drops columns by name (SelectColumns, DropColumns).</summary>
    public sealed class ColumnSelectingEstimator : TrivialEstimator<ColumnSelectingTransformer>
    {
        internal ColumnSelectingEstimator(string[] keepColumns, string[] dropColumns, bool keepHidden)
            : base(new ColumnSelectingTransformer(keepColumns, dropColumns, keepHidden))
        {
        }

        public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            if (inputSchema == null)
                throw new ArgumentNullException(nameof(inputSchema));
            if (Transformer.Keep != null)
                return new SchemaShape(Transformer.Keep.Select(name => SchemaErrors.Find(inputSchema, name, "input", nameof(inputSchema))));
            var drop = new HashSet<string>(Transformer.Drop);
            return new SchemaShape(inputSchema.Where(c => !drop.Contains(c.Name)));
        }
    }

    public sealed class ColumnSelectingTransformer : ITransformer
    {
        internal ColumnSelectingTransformer(string[] keepColumns, string[] dropColumns, bool keepHidden)
        {
            if ((keepColumns == null) == (dropColumns == null))
                throw new ArgumentException("Either columns to keep or columns to drop must be given, not both.");
            Keep = keepColumns;
            Drop = dropColumns;
            KeepHidden = keepHidden;
        }

        internal string[] Keep { get; }
        internal string[] Drop { get; }
        internal bool KeepHidden { get; }

        public bool IsRowToRowMapper => true;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Map(inputSchema).Output;
        public IDataView Transform(IDataView input) => RowMapping.Transform(input, Map(input.Schema));
        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => RowMapping.Mapper(Map(inputSchema));

        // Kept columns stay in schema order (SelectColumns keeps the given order, as ML.NET does).
        private RowMap Map(DataViewSchema schema)
        {
            if (schema == null)
                throw new ArgumentNullException(nameof(schema));
            int[] kept;
            if (Keep != null)
            {
                foreach (var name in Keep)
                    SchemaErrors.Find(schema, name, "input", "inputSchema");
                kept = KeepHidden
                    ? schema.Where(c => Keep.Contains(c.Name)).Select(c => c.Index).ToArray()
                    : Keep.Select(name => schema[name].Index).ToArray();
            }
            else
            {
                var drop = new HashSet<string>(Drop);
                kept = schema.Where(c => !drop.Contains(c.Name) && (KeepHidden || !c.IsHidden)).Select(c => c.Index).ToArray();
            }
            return new RowMap(schema, kept, null);
        }

        void ICanSaveModel.Save(ModelSaveContext ctx)
        {
            ctx.SetLoader(typeof(ColumnSelectingTransformer));
            ctx.WriteJson("Keep", Keep);
            ctx.WriteJson("Drop", Drop);
            ctx.WriteJson("KeepHidden", KeepHidden);
        }

        internal static ITransformer LoadFrom(ModelLoadContext ctx)
            => new ColumnSelectingTransformer(ctx.ReadText("Keep") == "null" ? null : ctx.ReadJson<string[]>("Keep"),
                ctx.ReadText("Drop") == "null" ? null : ctx.ReadJson<string[]>("Drop"), ctx.ReadJson<bool>("KeepHidden"));
    }
}

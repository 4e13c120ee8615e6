using System;
using System.Linq;
using Microsoft.ML.Data;

namespace Microsoft.ML.Transforms
{
    /// <summary>A mapper whose output i is computed from input column i alone (copy, convert, normalize).</summary>
    internal abstract class OneToOneMapper : IRowMapper
    {
        protected OneToOneMapper(DataViewSchema input, (string Output, string Input)[] columns)
        {
            Input = input;
            Columns = columns;
            Sources = columns.Select(c => SchemaErrors.Find(input, c.Input, "input", "inputSchema")).ToArray();
        }

        protected DataViewSchema Input { get; }
        protected (string Output, string Input)[] Columns { get; }
        protected DataViewSchema.Column[] Sources { get; }

        protected abstract DataViewType OutputType(int i);
        protected abstract Delegate MakeGetter(DataViewRow input, int i);

        public DataViewSchema.DetachedColumn[] GetOutputColumns()
            => Columns.Select((c, i) => new DataViewSchema.DetachedColumn(c.Output, OutputType(i))).ToArray();

        public Func<int, bool> GetDependencies(Func<int, bool> activeOutput)
        {
            var needed = new bool[Input.Count];
            for (int i = 0; i < Sources.Length; i++)
                if (activeOutput(i))
                    needed[Sources[i].Index] = true;
            return c => needed[c];
        }

        public Delegate[] CreateGetters(DataViewRow input, Func<int, bool> activeOutput, out Action disposer)
        {
            disposer = null;
            var getters = new Delegate[Columns.Length];
            for (int i = 0; i < getters.Length; i++)
                if (activeOutput(i))
                    getters[i] = MakeGetter(input, i);
            return getters;
        }
    }

    /// <summary>Shape checks shared by the estimators' GetOutputSchema.</summary>
    internal static class Shapes
    {
        public static SchemaShape.Column Column(string name, SchemaShape.Column.VectorKind kind, DataViewType itemType, bool isKey = false)
            => new SchemaShape.Column(name, kind, itemType, isKey);

        /// <summary>The input shape with <paramref name="added"/> columns set (replacing any of the same name).</summary>
        public static SchemaShape With(SchemaShape input, params SchemaShape.Column[] added)
        {
            var columns = input.ToDictionary(c => c.Name);
            foreach (var column in added)
                columns[column.Name] = column;
            return new SchemaShape(columns.Values);
        }

        /// <summary>Copies the shape of a schema column as the shape of a new column.</summary>
        public static SchemaShape.Column Renamed(SchemaShape.Column column, string name)
            => new SchemaShape.Column(name, column.Kind, column.ItemType, column.IsKey, column.Annotations);
    }
}

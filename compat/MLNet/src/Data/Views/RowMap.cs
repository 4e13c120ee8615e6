using System;
using System.Collections.Generic;
using System.Linq;

namespace Microsoft.ML.Data
{
    /// <summary>
    /// How an output schema is made from an input schema: some input columns kept as they are (by index), then the
    /// columns an <see cref="IRowMapper"/> computes. A later column of the same name hides an earlier one.
    /// </summary>
    internal sealed class RowMap
    {
        public RowMap(DataViewSchema input, int[] kept, IRowMapper mapper)
        {
            Input = input;
            Kept = kept;
            Mapper = mapper;
            Added = mapper?.GetOutputColumns() ?? Array.Empty<DataViewSchema.DetachedColumn>();
            var builder = new DataViewSchema.Builder();
            foreach (int index in kept)
                builder.AddColumn(input[index].Name, input[index].Type, input[index].Annotations);
            builder.AddColumns(Added);
            Output = builder.ToSchema();
        }

        /// <summary>All input columns kept, outputs appended: the shape of most transforms.</summary>
        public static RowMap Appending(DataViewSchema input, IRowMapper mapper)
            => new RowMap(input, Enumerable.Range(0, input.Count).ToArray(), mapper);

        public DataViewSchema Input { get; }
        public DataViewSchema Output { get; }
        public int[] Kept { get; }
        public IRowMapper Mapper { get; }
        public DataViewSchema.DetachedColumn[] Added { get; }

        /// <summary>Input columns needed for the given active output columns.</summary>
        public bool[] InputActivity(Func<int, bool> activeOutput)
        {
            var active = new bool[Input.Count];
            for (int i = 0; i < Kept.Length; i++)
                if (activeOutput(i))
                    active[Kept[i]] = true;
            if (Mapper != null && Added.Length > 0)
            {
                var needed = Mapper.GetDependencies(j => activeOutput(Kept.Length + j));
                for (int i = 0; i < active.Length; i++)
                    active[i] |= needed(i);
            }
            return active;
        }

        public static Func<int, bool> ActivityOf(IEnumerable<DataViewSchema.Column> columns, DataViewSchema schema)
        {
            var active = new bool[schema.Count];
            foreach (var column in columns ?? throw new ArgumentNullException(nameof(columns)))
            {
                if (column.Index < 0 || column.Index >= schema.Count)
                    throw new ArgumentOutOfRangeException(nameof(columns), $"Column '{column.Name}' is not in this schema.");
                active[column.Index] = true;
            }
            return i => active[i];
        }
    }
}

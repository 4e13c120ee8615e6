using System;
using System.Linq;
using System.Reflection;
using Microsoft.ML.Data;

namespace Microsoft.ML.Transforms
{
    /// <summary>Concatenates scalar and vector columns of one item type into one vector column.</summary>
    public sealed class ColumnConcatenatingEstimator : IEstimator<ColumnConcatenatingTransformer>
    {
        private readonly string _output;
        private readonly string[] _inputs;

        internal ColumnConcatenatingEstimator(string outputColumnName, params string[] inputColumnNames)
        {
            if (string.IsNullOrEmpty(outputColumnName))
                throw new ArgumentNullException(nameof(outputColumnName));
            if (inputColumnNames == null || inputColumnNames.Length == 0)
                throw new ArgumentException("At least one input column must be given.", nameof(inputColumnNames));
            _output = outputColumnName;
            _inputs = inputColumnNames;
        }

        public ColumnConcatenatingTransformer Fit(IDataView input)
        {
            if (input == null)
                throw new ArgumentNullException(nameof(input));
            var transformer = new ColumnConcatenatingTransformer(_output, _inputs);
            transformer.GetOutputSchema(input.Schema);
            return transformer;
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            if (inputSchema == null)
                throw new ArgumentNullException(nameof(inputSchema));
            var sources = _inputs.Select(name => SchemaErrors.Find(inputSchema, name, "input", nameof(inputSchema))).ToArray();
            var first = sources[0];
            foreach (var source in sources)
            {
                if (!source.ItemType.Equals(first.ItemType) || source.IsKey != first.IsKey)
                    throw SchemaErrors.Mismatch(nameof(inputSchema), "input", source.Name, first.ItemType.ToString(), source.ItemType.ToString());
            }
            var kind = sources.Any(s => s.Kind == SchemaShape.Column.VectorKind.VariableVector)
                ? SchemaShape.Column.VectorKind.VariableVector : SchemaShape.Column.VectorKind.Vector;
            return Shapes.With(inputSchema, Shapes.Column(_output, kind, first.ItemType, first.IsKey));
        }
    }
}

namespace Microsoft.ML.Data
{
    using Microsoft.ML.Transforms;

    public sealed class ColumnConcatenatingTransformer : RowToRowTransformerBase
    {
        private readonly string _output;
        private readonly string[] _inputs;

        internal ColumnConcatenatingTransformer(string output, string[] inputs)
        {
            _output = output;
            _inputs = inputs;
        }

        private protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(schema, _output, _inputs);

        private protected override void SaveModel(ModelSaveContext ctx)
        {
            ctx.SetLoader(typeof(ColumnConcatenatingTransformer));
            ctx.WriteJson("Output", _output);
            ctx.WriteJson("Inputs", _inputs);
        }

        internal static ITransformer LoadFrom(ModelLoadContext ctx)
            => new ColumnConcatenatingTransformer(ctx.ReadJson<string>("Output"), ctx.ReadJson<string[]>("Inputs"));

        private sealed class Mapper : IRowMapper
        {
            private readonly DataViewSchema _input;
            private readonly string _output;
            private readonly DataViewSchema.Column[] _sources;
            private readonly PrimitiveDataViewType _item;
            private readonly int _size;

            public Mapper(DataViewSchema input, string output, string[] inputs)
            {
                _input = input;
                _output = output;
                _sources = inputs.Select(name => SchemaErrors.Find(input, name, "input", "inputSchema")).ToArray();
                _item = ItemOf(_sources[0].Type);
                int size = 0;
                foreach (var source in _sources)
                {
                    var item = ItemOf(source.Type);
                    if (!item.Equals(_item))
                        throw SchemaErrors.Mismatch("inputSchema", "input", source.Name, _item.ToString(), source.Type.ToString());
                    int n = source.Type is VectorDataViewType v ? v.Size : 1;
                    size = size < 0 || n == 0 ? -1 : size + n;
                }
                _size = Math.Max(size, 0);
            }

            private static PrimitiveDataViewType ItemOf(DataViewType type)
                => type as PrimitiveDataViewType ?? (type as VectorDataViewType)?.ItemType
                   ?? throw new ArgumentOutOfRangeException("inputSchema", $"Column type {type} cannot be concatenated.");

            public DataViewSchema.DetachedColumn[] GetOutputColumns()
                => new[] { new DataViewSchema.DetachedColumn(_output, new VectorDataViewType(_item, _size)) };

            public Func<int, bool> GetDependencies(Func<int, bool> activeOutput)
            {
                bool any = activeOutput(0);
                var needed = _sources.Select(s => s.Index).ToHashSet();
                return c => any && needed.Contains(c);
            }

            public Delegate[] CreateGetters(DataViewRow input, Func<int, bool> activeOutput, out Action disposer)
            {
                disposer = null;
                if (!activeOutput(0))
                    return new Delegate[1];
                var make = typeof(Mapper).GetMethod(nameof(MakeGetter), BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(_item.RawType);
                return new[] { (Delegate)make.Invoke(this, new object[] { input }) };
            }

            private ValueGetter<VBuffer<T>> MakeGetter<T>(DataViewRow input)
            {
                var parts = _sources.Select(s => s.Type is VectorDataViewType
                    ? (Func<VBuffer<T>>)MakeVector<T>(input, s)
                    : MakeScalar<T>(input, s)).ToArray();
                var values = new VBuffer<T>[parts.Length];
                string output = _output;
                int declared = _size;
                return (ref VBuffer<T> dst) =>
                {
                    int length = 0;
                    for (int i = 0; i < parts.Length; i++)
                    {
                        values[i] = parts[i]();
                        length += values[i].Length;
                    }
                    if (declared > 0 && length != declared)
                        throw new InvalidOperationException($"Column '{output}' should have {declared} values, but its inputs gave {length}.");
                    var editor = VBufferEditor.Create(ref dst, length);
                    int at = 0;
                    foreach (var part in values)
                    {
                        part.CopyTo(editor.Values, at);
                        at += part.Length;
                    }
                    dst = editor.Commit();
                };
            }

            private static Func<VBuffer<T>> MakeVector<T>(DataViewRow input, DataViewSchema.Column column)
            {
                var getter = input.GetGetter<VBuffer<T>>(column);
                VBuffer<T> buffer = default;
                return () => { getter(ref buffer); return buffer; };
            }

            private static Func<VBuffer<T>> MakeScalar<T>(DataViewRow input, DataViewSchema.Column column)
            {
                var getter = input.GetGetter<T>(column);
                var one = new T[1];
                return () => { getter(ref one[0]); return new VBuffer<T>(1, one); };
            }
        }
    }
}

using System;
using System.Linq;
using System.Reflection;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.Transforms
{
    /// <summary>
    /// Names a <see cref="CustomMappingFactory{TSrc, TDst}"/> by the contract name its mapping is saved under, so that a
    /// loaded model can find the mapping again (after <c>MLContext.ComponentCatalog.RegisterAssembly</c>).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class CustomMappingFactoryAttributeAttribute : Attribute
    {
        public CustomMappingFactoryAttributeAttribute(string contractName = null)
        {
            ContractName = contractName;
        }

        internal string ContractName { get; }
    }

    /// <summary>Gives back the mapping action of a saved custom mapping.</summary>
    public abstract class CustomMappingFactory<TSrc, TDst>
        where TSrc : class, new()
        where TDst : class, new()
    {
        public abstract Action<TSrc, TDst> GetMapping();
    }

    /// <summary>Adds the columns of <typeparamref name="TDst"/>, computed by a user action from those of <typeparamref name="TSrc"/>.</summary>
    public sealed class CustomMappingEstimator<TSrc, TDst> : TrivialEstimator<CustomMappingTransformer<TSrc, TDst>>
        where TSrc : class, new()
        where TDst : class, new()
    {
        internal CustomMappingEstimator(Action<TSrc, TDst> mapAction, string contractName)
            : base(new CustomMappingTransformer<TSrc, TDst>(mapAction, contractName))
        {
        }

        public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            if (inputSchema == null)
                throw new ArgumentNullException(nameof(inputSchema));
            foreach (var member in TypeSchema.Of(typeof(TSrc), TypeSchema.Direction.Write).Columns)
            {
                var column = SchemaErrors.Find(inputSchema, member.Name, "input", nameof(inputSchema));
                SchemaShape.GetColumnTypeShape(member.ColumnType, out var kind, out var item, out bool isKey);
                bool fits = item.Equals(column.ItemType) && isKey == column.IsKey
                    && (kind == column.Kind || kind == SchemaShape.Column.VectorKind.VariableVector && column.Kind == SchemaShape.Column.VectorKind.Vector);
                if (!fits)
                    throw SchemaErrors.Mismatch(nameof(inputSchema), "input", member.Name, member.ColumnType.ToString(), column.GetTypeString());
            }
            var added = SchemaShape.Create(TypeSchema.Of(typeof(TDst), TypeSchema.Direction.Read).ToSchema());
            return Shapes.With(inputSchema, added.ToArray());
        }
    }

    public sealed class CustomMappingTransformer<TSrc, TDst> : ITransformer
        where TSrc : class, new()
        where TDst : class, new()
    {
        private readonly Action<TSrc, TDst> _mapAction;
        private readonly string _contractName;

        internal CustomMappingTransformer(Action<TSrc, TDst> mapAction, string contractName)
        {
            _mapAction = mapAction ?? throw new ArgumentNullException(nameof(mapAction));
            _contractName = contractName;
        }

        public bool IsRowToRowMapper => true;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Map(inputSchema).Output;
        public IDataView Transform(IDataView input) => RowMapping.Transform(input, Map(input.Schema));
        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => RowMapping.Mapper(Map(inputSchema));

        private RowMap Map(DataViewSchema schema)
            => RowMap.Appending(schema ?? throw new ArgumentNullException(nameof(schema)), new Mapper(schema, this));

        void ICanSaveModel.Save(ModelSaveContext ctx)
        {
            if (_contractName == null)
                throw new InvalidOperationException("Empty contract name for a transform: the transform cannot be saved");
            ctx.SetLoader(typeof(CustomMappingLoader));
            ctx.WriteJson("ContractName", _contractName);
        }

        /// <summary>Fills a TSrc from the row, runs the action once per row position, serves TDst's members.</summary>
        private sealed class Mapper : IRowMapper
        {
            private readonly DataViewSchema _input;
            private readonly CustomMappingTransformer<TSrc, TDst> _parent;
            private readonly ObjectFiller<TSrc>.Binding[] _plan;
            private readonly TypeSchema _output = TypeSchema.Of(typeof(TDst), TypeSchema.Direction.Read);

            public Mapper(DataViewSchema input, CustomMappingTransformer<TSrc, TDst> parent)
            {
                _input = input;
                _parent = parent;
                _plan = TypeSchema.Of(typeof(TSrc), TypeSchema.Direction.Write).Columns.Select(member =>
                {
                    var column = SchemaErrors.Find(input, member.Name, "input", "inputSchema");
                    if (!member.Accepts(column.Type))
                        throw SchemaErrors.Mismatch("inputSchema", "input", member.Name, member.ColumnType.ToString(), column.Type.ToString());
                    return new ObjectFiller<TSrc>.Binding(member, column);
                }).ToArray();
            }

            public DataViewSchema.DetachedColumn[] GetOutputColumns()
                => _output.Columns.Select(c => new DataViewSchema.DetachedColumn(c.Name, c.ColumnType)).ToArray();

            public Func<int, bool> GetDependencies(Func<int, bool> activeOutput)
            {
                bool any = Enumerable.Range(0, _output.Columns.Length).Any(activeOutput);
                var needed = _plan.Select(b => b.Column.Index).ToHashSet();
                return c => any && needed.Contains(c);
            }

            public Delegate[] CreateGetters(DataViewRow input, Func<int, bool> activeOutput, out Action disposer)
            {
                disposer = null;
                var getters = new Delegate[_output.Columns.Length];
                if (!Enumerable.Range(0, getters.Length).Any(activeOutput))
                    return getters;
                var fill = ObjectFiller<TSrc>.Make(input, _plan);
                var src = new TSrc();
                var dst = new TDst();
                long served = -1;
                Func<TDst> current = () =>
                {
                    if (served != input.Position)
                    {
                        fill(src);
                        _parent._mapAction(src, dst);
                        served = input.Position;
                    }
                    return dst;
                };
                for (int i = 0; i < getters.Length; i++)
                    if (activeOutput(i))
                        getters[i] = _output.Columns[i].MakeGetter(current);
                return getters;
            }
        }
    }

    /// <summary>Loads a saved custom mapping: finds the factory registered under its contract name.</summary>
    internal static class CustomMappingLoader
    {
        internal static ITransformer LoadFrom(ModelLoadContext ctx)
        {
            string contract = ctx.ReadJson<string>("ContractName");
            var factoryType = ctx.Context.ComponentCatalog.FindCustomMappingFactory(contract)
                ?? throw new InvalidOperationException(
                    $"Unable to locate an extension for the contract '{contract}'. Ensure you have called {nameof(MLContext)}.{nameof(MLContext.ComponentCatalog)}.{nameof(ComponentCatalog.RegisterAssembly)} " +
                    $"with the Assembly that contains a class decorated with a '{typeof(CustomMappingFactoryAttributeAttribute).FullName}'.");
            var types = ComponentCatalog.CustomMappingFactoryTypes(factoryType);
            var factory = Activator.CreateInstance(factoryType)
                ?? throw new InvalidOperationException($"Could not create the custom mapping factory {factoryType.Name}.");
            var action = (Delegate)factoryType.GetMethod("GetMapping")!.Invoke(factory, null);
            var transformerType = typeof(CustomMappingTransformer<,>).MakeGenericType(types);
            return (ITransformer)Activator.CreateInstance(transformerType, BindingFlags.NonPublic | BindingFlags.Instance, null,
                new object[] { action, contract }, null);
        }
    }
}

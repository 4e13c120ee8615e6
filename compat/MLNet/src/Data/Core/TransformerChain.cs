using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Microsoft.ML.Data
{
    /// <summary>Transformers applied one after another; saveable when every member is.</summary>
    public sealed class TransformerChain<TLastTransformer> : ITransformer, IEnumerable<ITransformer>, IDisposable
        where TLastTransformer : class, ITransformer
    {
        private readonly ITransformer[] _transformers;
        private readonly TransformerScope[] _scopes;
        private bool _disposed;

        public TransformerChain(IEnumerable<ITransformer> transformers, IEnumerable<TransformerScope> scopes)
        {
            _transformers = (transformers ?? throw new ArgumentNullException(nameof(transformers))).ToArray();
            _scopes = (scopes ?? throw new ArgumentNullException(nameof(scopes))).ToArray();
            if (_transformers.Length != _scopes.Length)
                throw new ArgumentException("There must be one scope per transformer.", nameof(scopes));
            LastTransformer = _transformers.Length == 0 ? null : _transformers[^1] as TLastTransformer
                ?? throw new ArgumentException($"The last transformer must be a {typeof(TLastTransformer).Name}.", nameof(transformers));
        }

        public TransformerChain(params ITransformer[] transformers)
            : this(transformers, (transformers ?? Array.Empty<ITransformer>()).Select(_ => TransformerScope.Everything))
        {
        }

        public TLastTransformer LastTransformer { get; }

        public bool IsRowToRowMapper => _transformers.All(t => t.IsRowToRowMapper);

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
        {
            var schema = inputSchema ?? throw new ArgumentNullException(nameof(inputSchema));
            foreach (var transformer in _transformers)
                schema = transformer.GetOutputSchema(schema);
            return schema;
        }

        public IDataView Transform(IDataView input)
        {
            var data = input ?? throw new ArgumentNullException(nameof(input));
            // Fail on schema problems now, as ML.NET does, rather than at the first cursor.
            GetOutputSchema(data.Schema);
            foreach (var transformer in _transformers)
                data = transformer.Transform(data);
            return data;
        }

        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
        {
            if (inputSchema == null)
                throw new ArgumentNullException(nameof(inputSchema));
            var mappers = new IRowToRowMapper[_transformers.Length];
            var schema = inputSchema;
            for (int i = 0; i < mappers.Length; i++)
            {
                mappers[i] = _transformers[i].GetRowToRowMapper(schema);
                schema = mappers[i].OutputSchema;
            }
            return new ChainedRowToRowMapper(inputSchema, mappers);
        }

        public TransformerChain<TNewLast> Append<TNewLast>(TNewLast transformer, TransformerScope scope = TransformerScope.Everything)
            where TNewLast : class, ITransformer
            => new TransformerChain<TNewLast>(_transformers.Append(transformer), _scopes.Append(scope));

        public IEnumerator<ITransformer> GetEnumerator() => ((IEnumerable<ITransformer>)_transformers).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        void ICanSaveModel.Save(ModelSaveContext ctx)
        {
            ctx.SetLoader(typeof(TransformerChainLoader));
            ctx.WriteJson("Scopes", _scopes.Select(s => (int)s).ToArray());
            for (int i = 0; i < _transformers.Length; i++)
                ctx.SaveChild($"Transform_{i:000}", _transformers[i]);
        }

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (var transformer in _transformers)
                (transformer as IDisposable)?.Dispose();
        }
    }

    /// <summary>Loads a saved chain as <c>TransformerChain&lt;ITransformer&gt;</c>.</summary>
    internal static class TransformerChainLoader
    {
        internal static ITransformer LoadFrom(ModelLoadContext ctx)
        {
            var scopes = ctx.ReadJson<int[]>("Scopes");
            var transformers = Enumerable.Range(0, scopes.Length).Select(i => ctx.LoadChild($"Transform_{i:000}")).ToArray();
            return new TransformerChain<ITransformer>(transformers, scopes.Select(s => (TransformerScope)s));
        }
    }

    /// <summary>Row mappers composed: dependencies are worked out backwards, rows built forwards.</summary>
    internal sealed class ChainedRowToRowMapper : IRowToRowMapper
    {
        private readonly IRowToRowMapper[] _mappers;

        public ChainedRowToRowMapper(DataViewSchema inputSchema, IRowToRowMapper[] mappers)
        {
            InputSchema = inputSchema;
            _mappers = mappers;
        }

        public DataViewSchema InputSchema { get; }
        public DataViewSchema OutputSchema => _mappers.Length == 0 ? InputSchema : _mappers[^1].OutputSchema;

        public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
        {
            var columns = dependingColumns;
            for (int i = _mappers.Length - 1; i >= 0; i--)
                columns = _mappers[i].GetDependencies(columns);
            return columns.ToArray();
        }

        public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
        {
            var needed = new IEnumerable<DataViewSchema.Column>[_mappers.Length];
            var columns = activeColumns.ToArray().AsEnumerable();
            for (int i = _mappers.Length - 1; i >= 0; i--)
            {
                needed[i] = columns;
                columns = _mappers[i].GetDependencies(columns).ToArray();
            }
            var row = input;
            for (int i = 0; i < _mappers.Length; i++)
                row = _mappers[i].GetRow(row, needed[i]);
            return row;
        }
    }
}

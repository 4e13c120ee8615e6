using System;
using System.Linq;

namespace Microsoft.ML.Data
{
    /// <summary>Estimators fitted one after another, each on the output of the transformers before it.</summary>
    public sealed class EstimatorChain<TLastTransformer> : IEstimator<TransformerChain<TLastTransformer>>
        where TLastTransformer : class, ITransformer
    {
        private readonly IEstimator<ITransformer>[] _estimators;
        private readonly TransformerScope[] _scopes;

        public EstimatorChain()
        {
            _estimators = Array.Empty<IEstimator<ITransformer>>();
            _scopes = Array.Empty<TransformerScope>();
            LastEstimator = null;
        }

        private EstimatorChain(IEstimator<ITransformer>[] estimators, TransformerScope[] scopes)
        {
            _estimators = estimators;
            _scopes = scopes;
            LastEstimator = estimators.Length == 0 ? null : estimators[^1] as IEstimator<TLastTransformer>;
        }

        public IEstimator<TLastTransformer> LastEstimator { get; }

        public TransformerChain<TLastTransformer> Fit(IDataView input)
        {
            if (input == null)
                throw new ArgumentNullException(nameof(input));
            // Check the whole pipeline against the data before any estimator does work.
            GetOutputSchema(SchemaShape.Create(input.Schema));
            var current = input;
            var transformers = new ITransformer[_estimators.Length];
            for (int i = 0; i < _estimators.Length; i++)
            {
                transformers[i] = _estimators[i].Fit(current);
                if (i < _estimators.Length - 1)
                    current = transformers[i].Transform(current);
            }
            return new TransformerChain<TLastTransformer>(transformers, _scopes);
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            var shape = inputSchema ?? throw new ArgumentNullException(nameof(inputSchema));
            foreach (var estimator in _estimators)
                shape = estimator.GetOutputSchema(shape);
            return shape;
        }

        public EstimatorChain<TNewTrans> Append<TNewTrans>(IEstimator<TNewTrans> estimator, TransformerScope scope = TransformerScope.Everything)
            where TNewTrans : class, ITransformer
        {
            if (estimator == null)
                throw new ArgumentNullException(nameof(estimator));
            return new EstimatorChain<TNewTrans>(_estimators.Append((IEstimator<ITransformer>)estimator).ToArray(), _scopes.Append(scope).ToArray());
        }
    }
}

using System;
using Microsoft.ML.Data;

namespace Microsoft.ML
{
    /// <summary>Append, to build estimator and transformer chains.</summary>
    public static class LearningPipelineExtensions
    {
        public static EstimatorChain<TTrans> Append<TTrans>(this IEstimator<ITransformer> start, IEstimator<TTrans> estimator,
            TransformerScope scope = TransformerScope.Everything)
            where TTrans : class, ITransformer
        {
            if (start == null)
                throw new ArgumentNullException(nameof(start));
            if (estimator == null)
                throw new ArgumentNullException(nameof(estimator));
            return new EstimatorChain<ITransformer>().Append(start).Append(estimator, scope);
        }

        public static TransformerChain<TTrans> Append<TTrans>(this ITransformer start, TTrans transformer)
            where TTrans : class, ITransformer
        {
            if (start == null)
                throw new ArgumentNullException(nameof(start));
            if (transformer == null)
                throw new ArgumentNullException(nameof(transformer));
            return new TransformerChain<TTrans>(start, transformer);
        }
    }
}

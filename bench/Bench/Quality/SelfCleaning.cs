using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Bench.Quality
{
    /// <summary>
    /// Self-cleaning rounds, an attack on the cost of contamination (an experiment, not a library feature): fit, score
    /// the training rows, leave out the share of them that scores highest, and fit again from scratch on the rest;
    /// the last round's model is the detector.
    /// </summary>
    internal sealed class SelfCleaning : IEstimator<ITransformer>
    {
        readonly Func<IEstimator<ITransformer>> _make;
        readonly double _drop;
        readonly int _rounds;
        static readonly MLContext Ml = new(seed: 0);

        public SelfCleaning(Func<IEstimator<ITransformer>> make, double drop, int rounds)
        {
            if (!(drop > 0 && drop < 1)) throw new ArgumentOutOfRangeException(nameof(drop), drop, "The share left out must be in (0, 1).");
            if (rounds < 1) throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "At least one cleaning round.");
            (_make, _drop, _rounds) = (make, drop, rounds);
        }

        public ITransformer Fit(IDataView input)
        {
            var rows = input;
            var model = _make().Fit(rows);
            // The kept rows are read through the earlier models (lazily), so those live until the last fit is done.
            var earlier = new System.Collections.Generic.List<ITransformer>();
            for (var round = 0; round < _rounds; round++) {
                // The rows are scored once (cached) for the cut and the filter; the cut is taken on the rows still kept,
                // so each round leaves out _drop of them.
                var scored = Ml.Data.Cache(model.Transform(rows));
                var scores = scored.GetColumn<float>("Score").Select(s => (double)s).OrderBy(s => s).ToArray();
                var cut = scores[Math.Clamp((int)Math.Floor((1 - _drop) * scores.Length), 0, scores.Length - 1)];
                var kept = Ml.Data.FilterRowsByColumn(scored, "Score", upperBound: cut);
                rows = Ml.Transforms.SelectColumns(rows.Schema.Where(c => !c.IsHidden).Select(c => c.Name).ToArray()).Fit(kept).Transform(kept);
                rows = Ml.Data.Cache(rows);
                earlier.Add(model);
                model = _make().Fit(rows);
            }
            foreach (var m in earlier) (m as IDisposable)?.Dispose();
            return model;
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _make().GetOutputSchema(inputSchema);
    }
}

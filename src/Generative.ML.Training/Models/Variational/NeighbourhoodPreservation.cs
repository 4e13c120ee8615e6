using System;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Objectives;
using Generative.ML.Training.Optimization;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// The neighbourhood term of a map-making encoder: t-SNE's KL(P || Q) (<see cref="Neighbourhood"/>) between the
    /// input affinities of a sample of the training rows and their codes. The affinities are computed once, before
    /// training, over a reference of at most <see cref="MaxReferenceRows"/> training rows (a seeded uniform sample of a
    /// larger table); each step then draws <see cref="SampleRows"/> of them from the fit's generator and takes their block
    /// of P, renormalised. Only training uses it: the exported encoder is the same graph as without it.
    /// </summary>
    internal sealed class NeighbourhoodPreservation : IDisposable
    {
        /// <summary>The most training rows the affinities are computed over ([R, R] floats: 16 MB at 2,048).</summary>
        public const int MaxReferenceRows = 2048;

        /// <summary>Rows per step the term is computed over.</summary>
        public const int SampleRows = 512;

        readonly Tensor _rows, _affinities;

        NeighbourhoodPreservation(Tensor rows, Tensor affinities, double weight, double perplexity)
        {
            _rows = rows;
            _affinities = affinities;
            Weight = weight;
            Perplexity = perplexity;
        }

        /// <summary>The term's weight beside the negative ELBO (nats per row).</summary>
        public double Weight { get; }

        /// <summary>t-SNE's perplexity: the effective number of neighbours each row keeps.</summary>
        public double Perplexity { get; }

        /// <summary>The reference rows (scaled, as the model sees them) and their affinities, for a fit from <paramref name="seed"/>.</summary>
        public static NeighbourhoodPreservation Fit(TrainingData scaledRows, double weight, double perplexity, int seed)
        {
            Check.Positive(weight, nameof(weight), "The neighbourhood weight");
            if (scaledRows.RowCount < 4) throw new InvalidTrainingDataException($"The neighbourhood term (NeighbourhoodWeight) needs at least 4 training rows; there are {scaledRows.RowCount}.", "NeighbourhoodWeight");
            var reference = scaledRows;
            if (scaledRows.RowCount > MaxReferenceRows) {
                var order = Enumerable.Range(0, scaledRows.RowCount).ToArray();
                new Random(seed).Shuffle(order);
                reference = scaledRows.Subset(order[..MaxReferenceRows]);
            }
            using var scope = NewDisposeScope();
            var rows = tensor(reference.Features, new long[] { reference.RowCount, reference.FeatureCount });
            var affinities = Neighbourhood.Affinities(rows, perplexity);
            return new NeighbourhoodPreservation(rows.DetachFromDisposeScope(), affinities.DetachFromDisposeScope(), weight, perplexity);
        }

        /// <summary>t-SNE's early exaggeration: P is multiplied by this over the first quarter of the run, so clusters form before they settle.</summary>
        public const double EarlyExaggeration = 4;

        /// <summary>
        /// Weight * KL(P || Q) on a fresh sample of the reference rows, encoded by <paramref name="encode"/> (differentiable);
        /// P exaggerated over the first quarter of the run.
        /// </summary>
        public Tensor Loss(Func<Tensor, Tensor> encode, TrainingStep step)
        {
            using var scope = NewDisposeScope();
            var n = _rows.shape[0];
            var count = Math.Min(SampleRows, n);
            var sample = count == n ? arange(n, dtype: ScalarType.Int64)
                                    : RandomDraws.Uniform(empty(n), 0, 1).argsort().narrow(0, 0, count);
            var p = _affinities.index_select(0, sample).index_select(1, sample);
            var early = step.Epochs > 0 && step.EpochProgress < step.Epochs / 4.0;
            p = p * ((early ? EarlyExaggeration : 1) / p.sum().clamp_min(1e-12).item<float>());
            var codes = encode(_rows.index_select(0, sample));
            return (Weight * Neighbourhood.StudentTDivergence(p, codes)).MoveToOuterDisposeScope();
        }

        public void Dispose()
        {
            _rows.Dispose();
            _affinities.Dispose();
        }
    }
}

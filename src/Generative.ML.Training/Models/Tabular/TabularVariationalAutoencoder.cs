using System;
using System.Collections.Generic;
using System.Linq;
using Generative.ML.Graphs;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Onnx;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// A VAE over an encoded table row (TVAE's design): the decoder's output is read by one head per part of the row,
    /// each with its own likelihood (<see cref="TableHead"/>): a Gaussian with a learned variance for a continuous
    /// value, a softmax for a category, a Bernoulli for "this value is missing". log p(x | z) is the sum of the heads'
    /// log-likelihoods, so the negative ELBO, -log p(x | mu) + KL, is the anomaly score over every column, and the
    /// heads' negative log-likelihoods summed per table column are the per-column contributions. With a condition it is
    /// the conditional VAE: q(z | x, c) and p(x | z, c).
    /// </summary>
    internal sealed class TabularVariationalAutoencoder : VariationalAutoencoder
    {
        readonly TableHead[] _heads;
        readonly int _columns;
        readonly double _logUnseen;
        readonly long[] _gaussianSlots;

        /// <summary>
        /// A table VAE over rows laid out as <paramref name="heads"/> say (they must cover the row's slots in order) for a
        /// table of <paramref name="columnCount"/> columns. A category never seen in training (an all-zero one-hot) is
        /// scored as having probability <paramref name="unseenCategoryProbability"/>.
        /// </summary>
        public TabularVariationalAutoencoder(IReadOnlyList<TableHead> heads, int columnCount, long latentSize, long conditionSize = 0,
                                             NetworkArchitecture? architecture = null, double logVarianceBound = 10,
                                             double unseenCategoryProbability = 1e-4, double klWeight = 1)
            : base(nameof(TabularVariationalAutoencoder), CheckHeads(heads, columnCount), latentSize, conditionSize, architecture,
                   new VaeOptions { Likelihood = Likelihood.GaussianLearnedVariance, LogVarianceBound = logVarianceBound, Beta = BetaSchedule.Constant(klWeight) })
        {
            if (!(unseenCategoryProbability > 0 && unseenCategoryProbability < 1))
                throw new ArgumentOutOfRangeException(nameof(unseenCategoryProbability), unseenCategoryProbability, "The probability of an unseen category must be in (0, 1).");
            _heads = heads.ToArray();
            _columns = columnCount;
            _logUnseen = Math.Log(unseenCategoryProbability);
            _gaussianSlots = _heads.Where(h => h.Kind == TableHeadKind.Gaussian).Select(h => (long)h.Start).ToArray();
        }

        /// <summary>The heads, in slot order.</summary>
        public IReadOnlyList<TableHead> Heads => _heads;

        /// <summary>A table model samples, with or without a condition, and scores; it encodes and reconstructs in its encoded space.</summary>
        public override ModelCapabilities Capabilities =>
            base.Capabilities | (ConditionSize > 0 ? ModelCapabilities.Condition : ModelCapabilities.None);

        internal override long ContributionWidth => _columns;

        /// <summary>The observation standard deviation of each Gaussian head, in head order (for sampling values, not only means).</summary>
        public float[] GaussianStandardDeviations()
        {
            using var logvar = ObservationLogVariance()!;
            using var slots = tensor(_gaussianSlots);
            using var picked = logvar.index_select(0, slots);
            using var std = (0.5 * picked).exp();
            return std.data<float>().ToArray();
        }

        /// <summary>The mean of p(x | z): Gaussian means, category probabilities and probabilities of "missing", in slot order.</summary>
        public override Tensor Decode(Tensor z, Tensor? condition = null)
        {
            using var scope = NewDisposeScope();
            var output = DecodeParameters(z, condition);
            var parts = _heads.Select(h => {
                var slice = output.narrow(1, h.Start, h.Width);
                return h.Kind switch {
                    TableHeadKind.Categorical => slice.softmax(1),
                    TableHeadKind.Missing => slice.sigmoid(),
                    _ => slice,
                };
            }).ToArray();
            return cat(parts, 1).MoveToOuterDisposeScope();
        }

        /// <summary>Sum over heads of log p(head's slots | decoder output), per row [N].</summary>
        public override Tensor LogLikelihood(Tensor x, Tensor decoderOutput)
        {
            using var scope = NewDisposeScope();
            return HeadLogLikelihoods(x, decoderOutput).sum(1).MoveToOuterDisposeScope();
        }

        /// <summary>-log p per table column: the heads' negative log-likelihoods summed by column, [N, columns].</summary>
        public Tensor ColumnNegativeLogLikelihoods(Tensor x, Tensor? condition = null)
        {
            using var scope = NewDisposeScope();
            var (mu, _) = EncodeDistribution(x, condition);
            var output = DecodeParameters(mu, condition);
            return (-HeadLogLikelihoods(x, output).matmul(Assignment())).MoveToOuterDisposeScope();
        }

        /// <summary>One log-likelihood per head, [N, heads]; the temporaries belong to the caller's scope.</summary>
        Tensor HeadLogLikelihoods(Tensor x, Tensor output)
        {
            using var logvar = ObservationLogVariance()!;
            var terms = new Tensor[_heads.Length];
            for (var i = 0; i < _heads.Length; i++) {
                var h = _heads[i];
                var xs = x.narrow(1, h.Start, h.Width);
                var os = output.narrow(1, h.Start, h.Width);
                terms[i] = h.Kind switch {
                    // log N(x; mean, exp(lv)) = -0.5 * ((x - mean)^2 exp(-lv) + lv + log 2 pi); a head under "missing" counts nothing.
                    TableHeadKind.Gaussian => Masked(-0.5 * ((xs - os).square() * (-logvar.narrow(0, h.Start, 1)).exp() + logvar.narrow(0, h.Start, 1)
                                                             + Math.Log(2 * Math.PI)), x, h),
                    TableHeadKind.Missing => xs * os - nn.functional.softplus(os),
                    // sum(onehot * log softmax) + (1 - sum(onehot)) * log p_unseen: a seen category's log-probability, or the floor.
                    _ => Masked((xs * os.log_softmax(1)).sum(1, keepdim: true) + (1 - xs.sum(1, keepdim: true)) * _logUnseen, x, h),
                };
            }
            return cat(terms, 1);
        }

        static Tensor Masked(Tensor term, Tensor x, TableHead h) => h.MaskedBy is int m ? term * (1 - x.narrow(1, m, 1)) : term;

        /// <summary>[heads, columns]: 1 where a head belongs to a column.</summary>
        Tensor Assignment()
        {
            var a = new float[_heads.Length * _columns];
            for (var i = 0; i < _heads.Length; i++) a[i * _columns + _heads[i].Column] = 1;
            return tensor(a, new long[] { _heads.Length, _columns });
        }

        private protected override string EmitMean(OnnxGraphBuilder g, string output)
        {
            const string s = "heads";
            var parts = _heads.Select(h => {
                var slice = Slice(g, output, h.Start, h.Width, s);
                return h.Kind switch {
                    TableHeadKind.Categorical => g.Node("Softmax", s, new[] { slice }, OnnxGraphBuilder.Int("axis", 1)),
                    TableHeadKind.Missing => g.Node("Sigmoid", s, slice),
                    _ => slice,
                };
            }).ToArray();
            return g.Node("Concat", "table_mean", parts, OnnxGraphBuilder.Int("axis", 1));
        }

        /// <summary>The negative ELBO with z = mu, and each column's negative log-likelihood as the contributions.</summary>
        internal override ScorerNodes EmitScorer(OnnxGraphBuilder g, string x, string? condition)
        {
            var (mu, logvar) = encoder.Emit(g, x, condition, "encoder");
            var output = decoder.Emit(g, mu, condition, "decoder");
            var mean = EmitMean(g, output);
            var observationLogvar = EmitObservationLogVariance(g);
            const string s = "head_log_likelihood";
            var axis1 = g.Int64s($"{s}/axis1", new[] { 1L });
            string RowSumKeep(string v) => g.Node("ReduceSum", s, new[] { v, axis1 }, OnnxGraphBuilder.Int("keepdims", 1));
            var terms = _heads.Select(h => {
                var xs = Slice(g, x, h.Start, h.Width, s);
                var os = Slice(g, output, h.Start, h.Width, s);
                switch (h.Kind) {
                    case TableHeadKind.Gaussian: {
                            var lv = Slice(g, observationLogvar, h.Start, 1, s, axis: 0);
                            var diff = g.Node("Sub", s, xs, os);
                            var scaled = g.Node("Mul", s, g.Node("Mul", s, diff, diff), g.Node("Exp", s, g.Node("Neg", s, lv)));
                            var term = g.Node("Mul", s, g.Node("Add", s, g.Node("Add", s, scaled, lv), g.Scalar($"{s}/log2pi", (float)Math.Log(2 * Math.PI))),
                                              g.Scalar($"{s}/minus_half", -0.5f));
                            return h.MaskedBy is int m ? g.Node("Mul", s, term, g.Node("Sub", s, g.Scalar($"{s}/one", 1f), Slice(g, x, m, 1, s))) : term;
                        }
                    case TableHeadKind.Missing:
                        return g.Node("Sub", s, g.Node("Mul", s, xs, os), g.Node("Softplus", s, os));
                    default: {
                            var logp = g.Node("LogSoftmax", s, new[] { os }, OnnxGraphBuilder.Int("axis", 1));
                            var seen = RowSumKeep(g.Node("Mul", s, xs, logp));
                            var unseen = g.Node("Sub", s, g.Scalar($"{s}/one", 1f), RowSumKeep(xs));
                            var term = g.Node("Add", s, seen, g.Node("Mul", s, unseen, g.Scalar($"{s}/log_unseen", (float)_logUnseen)));
                            return h.MaskedBy is int m ? g.Node("Mul", s, term, g.Node("Sub", s, g.Scalar($"{s}/one", 1f), Slice(g, x, m, 1, s))) : term;
                        }
                }
            }).ToArray();
            var perHead = g.Node("Concat", s, terms, OnnxGraphBuilder.Int("axis", 1));
            var assignment = Assignment();
            string weights;
            using (assignment) weights = g.Weight($"{s}/assignment", assignment);
            var columnNll = g.Node("Neg", "column_nll", g.Node("MatMul", s, perHead, weights));
            var logLikelihood = g.Node("Neg", s, GraphMath.RowSum(g, columnNll, s));
            var kl = GraphMath.GaussianKl(g, mu, logvar, "kl");
            var negativeElbo = g.Node("Sub", "negative_elbo", kl, logLikelihood);
            var error = GraphMath.MeanSquaredError(g, x, mean, "reconstruction_error");
            return new ScorerNodes(mean, error, negativeElbo, negativeElbo, null, columnNll, mu);
        }

        /// <summary>A table model scores by its negative ELBO; the other scores assume one Gaussian or Bernoulli over every slot.</summary>
        internal override string? RefusesScore(AnomalyScoreKind score) => score is AnomalyScoreKind.Default or AnomalyScoreKind.NegativeElbo
            ? null
            : $"A {Kind} scores by its negative ELBO over the table's heads (AnomalyScoreKind.NegativeElbo), not by {score}.";

        internal override void AddExportMetadata(IDictionary<string, string> metadata)
        {
            base.AddExportMetadata(metadata);
            metadata["likelihood"] = "table heads: Gaussian, categorical, missing";
            metadata["table_columns"] = _columns.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        static string Slice(OnnxGraphBuilder g, string v, int start, int width, string scope, int axis = 1) =>
            g.Node("Slice", scope, v, g.Int64s($"{scope}/start", new[] { (long)start }), g.Int64s($"{scope}/end", new[] { (long)(start + width) }),
                   g.Int64s($"{scope}/axis", new[] { (long)axis }));

        static long CheckHeads(IReadOnlyList<TableHead> heads, int columnCount)
        {
            if (heads is null || heads.Count == 0) throw new ArgumentException("A table model needs at least one head.", nameof(heads));
            if (columnCount <= 0) throw new ArgumentOutOfRangeException(nameof(columnCount), columnCount, "A table has at least one column.");
            var next = 0;
            foreach (var h in heads) {
                if (h.Start != next || h.Width <= 0)
                    throw new ArgumentException($"The heads must cover the row's slots in order: a head starts at {h.Start}, width {h.Width}, where slot {next} was next.", nameof(heads));
                if (h.Column < 0 || h.Column >= columnCount)
                    throw new ArgumentException($"A head names column {h.Column} of a table of {columnCount}.", nameof(heads));
                if (h.Kind != TableHeadKind.Categorical && h.Width != 1)
                    throw new ArgumentException($"A {h.Kind} head has one slot; the head at {h.Start} has {h.Width}.", nameof(heads));
                next += h.Width;
            }
            foreach (var h in heads)
                if (h.MaskedBy is int m && !heads.Any(o => o.Kind == TableHeadKind.Missing && o.Start == m))
                    throw new ArgumentException($"The head at {h.Start} is masked by slot {m}, which is not a missing-value head.", nameof(heads));
            return next;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using Generative.ML.Graphs;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Networks;
using Generative.ML.Training.Objectives;
using Generative.ML.Training.Onnx;
using Generative.ML.Training.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// The variational autoencoder of the seeds. The encoder gives q(z | x) = N(mu, diag(exp(logvar))); a sample is
    /// z = mu + exp(0.5 * logvar) * eps with eps ~ N(0, I); the decoder gives p(x | z). Training minimises the
    /// negative ELBO per row, -log p(x | z) + beta * KL(q(z | x) || N(0, I)), with both terms summed over their
    /// dimensions (nats per row) and averaged over rows: beta = 1 is the true ELBO whatever the input size.
    /// </summary>
    internal class VariationalAutoencoder : EncodingModel
    {
        private protected readonly GaussianEncoder encoder;
        private protected readonly Decoder decoder;
        private protected readonly Parameter? observationLogVariance;

        /// <summary>A VAE from rows of <paramref name="inputSize"/> values to z of <paramref name="latentSize"/>.</summary>
        public VariationalAutoencoder(long inputSize, long latentSize, NetworkArchitecture? architecture = null, VaeOptions? options = null)
            : this(nameof(VariationalAutoencoder), inputSize, latentSize, 0, architecture, options) { }

        private protected VariationalAutoencoder(string name, long inputSize, long latentSize, long conditionSize,
                                                 NetworkArchitecture? architecture, VaeOptions? options)
            : base(name, inputSize, latentSize, conditionSize)
        {
            Options = options ?? new VaeOptions();
            Options.Validate();
            // The networks' builders validate the architecture against the input size before making any layer.
            architecture ??= new MlpArchitecture();
            encoder = new GaussianEncoder(architecture, inputSize, conditionSize, latentSize, Options.LogVarianceBound);
            decoder = new Decoder(architecture, latentSize, conditionSize, inputSize);
            if (Options.Likelihood == Likelihood.GaussianLearnedVariance) {
                using var init = full(new[] { inputSize }, InitialRawObservationLogVariance);
                observationLogVariance = new Parameter(init);
            }
            RegisterComponents();
        }

        /// <summary>Stored before the soft bound, so that bound * tanh(raw / bound) starts at log(ObservationVariance).</summary>
        double InitialRawObservationLogVariance =>
            Options.LogVarianceBound * Math.Atanh(Math.Log(Options.ObservationVariance) / Options.LogVarianceBound);

        private protected override void ResetOwnParameters() => observationLogVariance?.fill_(InitialRawObservationLogVariance);


        /// <summary>It samples by decoding draws from the prior.</summary>
        public override ModelCapabilities Capabilities => base.Capabilities | ModelCapabilities.Sample;

        /// <summary>The likelihood and the KL weight schedule.</summary>
        public VaeOptions Options { get; }

        /// <summary>
        /// A Gaussian fitted to the posterior means of the training rows (<see cref="FitAggregatePosterior"/>): where the
        /// codes of normal rows lie, which the latent-Mahalanobis score measures against. Null until fitted.
        /// </summary>
        public LatentGaussian? AggregatePosterior { get; private set; }

        /// <summary>Fits <see cref="AggregatePosterior"/> to the posterior means of <paramref name="data"/>'s rows (in evaluation mode).</summary>
        public void FitAggregatePosterior(TrainingData data) => AggregatePosterior = LatentGaussian.Fit(this, data);

        /// <summary>
        /// The training rows' codes as a neighbour density (<see cref="FitLatentNeighbours"/>), for the score that adds it to
        /// the negative ELBO. Null until fitted.
        /// </summary>
        public LatentNeighbours? Neighbours { get; private set; }

        /// <summary>Fits <see cref="Neighbours"/> to the codes of <paramref name="data"/>'s rows (see <see cref="LatentNeighbours.Fit"/>).</summary>
        public void FitLatentNeighbours(TrainingData data, double contamination, int seed) =>
            Neighbours = LatentNeighbours.Fit(this, data, contamination, seed);

        /// <summary>
        /// The training rows (scaled) as a reference for how tight a row's neighbourhood is
        /// (<see cref="FitClusterTightness"/>), for the score that adds it to the negative ELBO. Null until fitted.
        /// </summary>
        public ClusterTightness? Tightness { get; private set; }

        /// <summary>Fits <see cref="Tightness"/> to <paramref name="data"/>'s rows (see <see cref="ClusterTightness.Fit"/>).</summary>
        public void FitClusterTightness(TrainingData data, double contamination, int seed) =>
            Tightness = ClusterTightness.Fit(this, data, contamination, seed);

        /// <summary>The training rows and known anomalies (scaled) for the score that adds the proximity to a known anomaly. Null until fitted.</summary>
        public KnownAnomalyProximity? KnownAnomalies { get; private set; }

        /// <summary>Fits <see cref="KnownAnomalies"/> (see <see cref="KnownAnomalyProximity.Fit"/>).</summary>
        public void FitKnownAnomalies(TrainingData data, TrainingData knownAnomalies, int seed) =>
            KnownAnomalies = KnownAnomalyProximity.Fit(this, data, knownAnomalies, seed);

        /// <summary>
        /// The neighbourhood term training adds to the negative ELBO (<see cref="UseNeighbourhood"/>): codes that keep each
        /// row's input neighbours near it, for maps. Null: none. Training only; the exported graphs do not change.
        /// </summary>
        public NeighbourhoodPreservation? NeighbourhoodTerm { get; private set; }

        /// <summary>Adds the neighbourhood term, its affinities computed on <paramref name="scaledRows"/> (call before training).</summary>
        public void UseNeighbourhood(TrainingData scaledRows, double weight, double perplexity, int seed)
        {
            if (ConditionSize > 0) throw new InvalidOperationException("The neighbourhood term is for unconditional models.");
            NeighbourhoodTerm?.Dispose();
            NeighbourhoodTerm = NeighbourhoodPreservation.Fit(scaledRows, weight, perplexity, seed);
        }

        /// <inheritdoc/>
        protected override void Dispose(bool disposing)
        {
            if (disposing) {
                NeighbourhoodTerm?.Dispose();
                NeighbourhoodTerm = null;
            }
            base.Dispose(disposing);
        }

        /// <summary>mu and log-variance of q(z | x[, c]), each [N, LatentSize].</summary>
        public (Tensor mu, Tensor logvar) EncodeDistribution(Tensor x, Tensor? condition = null)
        {
            CheckInput(x);
            return encoder.Encode(x, condition);
        }

        /// <summary>z = mu + exp(0.5 * logvar) * eps, eps ~ N(0, I): a differentiable sample of q.</summary>
        public static Tensor Reparameterize(Tensor mu, Tensor logvar)
        {
            using var scope = NewDisposeScope();
            return (mu + (0.5 * logvar).exp() * RandomDraws.NormalLike(mu)).MoveToOuterDisposeScope();
        }

        /// <summary>The decoder's raw output for z: the Gaussian mean, or the Bernoulli logits.</summary>
        public Tensor DecodeParameters(Tensor z, Tensor? condition = null) => decoder.Decode(z, condition);

        /// <summary>The mean of p(x | z): the Gaussian mean, or the Bernoulli probabilities.</summary>
        public virtual Tensor Decode(Tensor z, Tensor? condition = null)
        {
            var output = DecodeParameters(z, condition);
            if (Options.Likelihood != Likelihood.Bernoulli) return output;
            using (output) return output.sigmoid();
        }

        /// <summary>The posterior mean: deterministic, unlike sampling z.</summary>
        public override Tensor Encode(Tensor x, Tensor? condition = null)
        {
            var (mu, logvar) = EncodeDistribution(x, condition);
            logvar.Dispose();
            return mu;
        }

        /// <summary>The mean of p(x | z = mu).</summary>
        public override Tensor Reconstruct(Tensor x, Tensor? condition = null)
        {
            using var mu = Encode(x, condition);
            return Decode(mu, condition);
        }

        /// <summary>log-variance of the Gaussian p(x | z), [InputSize]; null for the Bernoulli likelihood.</summary>
        public Tensor? ObservationLogVariance() => Options.Likelihood switch {
            Likelihood.GaussianLearnedVariance => SoftBound.Apply(observationLogVariance!, Options.LogVarianceBound),
            Likelihood.GaussianFixedVariance => full(new[] { InputSize }, Math.Log(Options.ObservationVariance)),
            _ => null,
        };

        /// <summary>log p(x | decoder output), per row [N].</summary>
        public virtual Tensor LogLikelihood(Tensor x, Tensor decoderOutput)
        {
            if (Options.Likelihood == Likelihood.Bernoulli) return Objective.BernoulliLogLikelihood(x, decoderOutput);
            using var logvar = ObservationLogVariance()!;
            return Objective.GaussianLogLikelihood(x, decoderOutput, logvar);
        }

        /// <inheritdoc/>
        public override LossTerms Loss(Tensor x, Tensor? condition, TrainingStep step)
        {
            using var scope = NewDisposeScope();
            var (logLikelihood, kl) = ElboTerms(x, condition, sampleZ: true);
            var beta = Options.Beta.At(step.EpochProgress);
            var kept = Objective.KeptRows(-logLikelihood + beta * kl, step.TrimFraction);
            var reconstruction = Objective.MeanOver(-logLikelihood, kept);
            var klMean = Objective.MeanOver(kl, kept);
            var total = reconstruction + beta * klMean;
            var parts = new List<(string, Tensor)> {
                ("reconstruction", reconstruction.detach().MoveToOuterDisposeScope()), ("kl", klMean.detach().MoveToOuterDisposeScope()),
            };
            // The neighbourhood term shapes training only: the validation loss (evaluation mode) stays the negative ELBO.
            if (NeighbourhoodTerm is not null && training) {
                var neighbourhood = NeighbourhoodTerm.Loss(rows => Encode(rows), step);
                total = total + neighbourhood;
                parts.Add(("neighbourhood", neighbourhood.detach().MoveToOuterDisposeScope()));
            }
            return new LossTerms(total.MoveToOuterDisposeScope(), parts);
        }

        /// <summary>
        /// The negative ELBO per row with z = mu and the analytic KL: -log p(x | mu) + KL. Deterministic, for scoring.
        /// </summary>
        public Tensor NegativeElbo(Tensor x, Tensor? condition = null)
        {
            var (logLikelihood, kl) = ElboTerms(x, condition, sampleZ: false);
            using (logLikelihood)
            using (kl) return kl - logLikelihood;
        }

        /// <summary>log p(x | z) and the analytic KL(q(z | x) || N(0, I)), per row; z is a draw of q, or its mean.</summary>
        (Tensor logLikelihood, Tensor kl) ElboTerms(Tensor x, Tensor? condition, bool sampleZ)
        {
            var (mu, logvar) = EncodeDistribution(x, condition);
            using (mu)
            using (logvar) {
                using var z = sampleZ ? Reparameterize(mu, logvar) : mu.alias();
                using var output = DecodeParameters(z, condition);
                return (LogLikelihood(x, output), Objective.GaussianKl(mu, logvar));
            }
        }

        /// <summary>
        /// log w_k = log p(x | z_k) + log p(z_k) - log q(z_k | x) for k samples z_k ~ q(z | x), shape [samples, N].
        /// Their log-mean-exp is the IWAE bound; their mean is a Monte Carlo ELBO.
        /// </summary>
        public Tensor LogImportanceWeights(Tensor x, Tensor? condition, int samples)
        {
            if (samples <= 0) throw new ArgumentOutOfRangeException(nameof(samples), samples, "The number of samples must be positive.");
            var (mu, logvar) = EncodeDistribution(x, condition);
            using (mu)
            using (logvar) {
                var n = x.shape[0];
                using var muK = RepeatRows(mu, samples);
                using var logvarK = RepeatRows(logvar, samples);
                using var xK = RepeatRows(x, samples);
                using var cK = condition is null ? null : RepeatRows(condition, samples);
                using var z = Reparameterize(muK, logvarK);
                using var output = DecodeParameters(z, cK);
                using var logPxz = LogLikelihood(xK, output);
                using var logPz = Objective.StandardNormalLogDensity(z);
                using var logQ = Objective.GaussianLogLikelihood(z, muK, logvarK);
                using var joint = logPxz + logPz;
                using var logW = joint - logQ;
                return logW.reshape(samples, n);
            }
        }

        internal override IReadOnlyList<(string name, string value)> EmitEncoder(OnnxGraphBuilder graph, string x, string? condition)
        {
            var (mu, logvar) = encoder.Emit(graph, x, condition, "encoder");
            return new[] { (GraphContract.Mean, mu), (GraphContract.LogVariance, logvar) };
        }

        internal override string LatentInputName => GraphContract.Latent;

        internal override string EmitDecoder(OnnxGraphBuilder graph, string z, string? condition) =>
            EmitMean(graph, decoder.Emit(graph, z, condition, "decoder"));

        /// <summary>
        /// The anomaly score of the VAE family is the negative ELBO with z = mu and the analytic KL, as
        /// <see cref="NegativeElbo"/> computes it.
        /// </summary>
        internal override ScorerNodes EmitScorer(OnnxGraphBuilder graph, string x, string? condition)
        {
            var (mu, logvar) = encoder.Emit(graph, x, condition, "encoder");
            var output = decoder.Emit(graph, mu, condition, "decoder");
            var reconstruction = EmitMean(graph, output);
            var observationLogvar = Options.Likelihood == Likelihood.Bernoulli ? null : EmitObservationLogVariance(graph);
            var logLikelihood = observationLogvar is null
                ? GraphMath.BernoulliLogLikelihood(graph, x, output, "log_likelihood")
                : GraphMath.GaussianLogLikelihood(graph, x, output, observationLogvar, "log_likelihood");
            var kl = GraphMath.GaussianKl(graph, mu, logvar, "kl");
            var negativeElbo = graph.Node("Sub", "negative_elbo", kl, logLikelihood);
            var error = GraphMath.MeanSquaredError(graph, x, reconstruction, "reconstruction_error");
            var errorShares = GraphMath.SquaredErrorShares(graph, x, reconstruction, InputSize, "error_shares");
            var nllShares = observationLogvar is null
                ? GraphMath.BernoulliNllPerFeature(graph, x, output, "nll_shares")
                : GraphMath.GaussianNllPerFeature(graph, x, output, observationLogvar, "nll_shares");
            return new ScorerNodes(reconstruction, error, negativeElbo, negativeElbo, errorShares, nllShares, mu);
        }

        internal override string? RefusesScore(AnomalyScoreKind score) => score switch {
            AnomalyScoreKind.ImportanceWeightedNll when ConditionSize > 0 => "The importance-weighted score is for unconditional models.",
            AnomalyScoreKind.LatentMahalanobisPlusReconstruction when AggregatePosterior is null =>
                "The latent-Mahalanobis score needs the training codes' Gaussian: call FitAggregatePosterior first.",
            AnomalyScoreKind.NegativeElboPlusLatentNeighbours when Neighbours is null =>
                "The latent-neighbours score needs the training codes: call FitLatentNeighbours first.",
            AnomalyScoreKind.NegativeElboPlusClusterTightness when Tightness is null =>
                "The cluster-tightness score needs the training rows: call FitClusterTightness first.",
            AnomalyScoreKind.NegativeElboPlusKnownAnomalies when KnownAnomalies is null =>
                "The known-anomalies score needs known anomalies: set LabelColumnName (or call FitKnownAnomalies first).",
            AnomalyScoreKind.NegativeElbo or AnomalyScoreKind.ImportanceWeightedNll or AnomalyScoreKind.LatentMahalanobisPlusReconstruction
                or AnomalyScoreKind.NegativeElboPlusLatentNeighbours or AnomalyScoreKind.NegativeElboPlusClusterTightness
                or AnomalyScoreKind.NegativeElboPlusKnownAnomalies => null,
            _ => base.RefusesScore(score),
        };

        internal override string? EmitScore(OnnxGraphBuilder graph, string x, AnomalyScoreKind score, ScorerNodes nodes, OnnxExportOptions options) => score switch {
            AnomalyScoreKind.ImportanceWeightedNll => EmitImportanceWeightedNll(graph, x, options.ImportanceSamples, seed: 0),
            AnomalyScoreKind.LatentMahalanobisPlusReconstruction => EmitLatentMahalanobisPlusReconstruction(graph, AggregatePosterior!, nodes),
            AnomalyScoreKind.NegativeElboPlusLatentNeighbours => Neighbours!.Emit(graph, nodes.Code!, nodes.NegativeElbo!),
            AnomalyScoreKind.NegativeElboPlusClusterTightness => Tightness!.Emit(graph, x, nodes.NegativeElbo!),
            AnomalyScoreKind.NegativeElboPlusKnownAnomalies => KnownAnomalies!.Emit(graph, x, nodes.NegativeElbo!),
            _ => null,
        };

        /// <summary>-log p(x | mu) (the sum of the per-feature NLL shares) + 0.5 ||W (mu - mean)||^2.</summary>
        static string EmitLatentMahalanobisPlusReconstruction(OnnxGraphBuilder g, LatentGaussian codes, ScorerNodes nodes)
        {
            const string s = "latent_mahalanobis";
            var l = codes.Mean.Length;
            var transposed = new float[l * l];
            for (var i = 0; i < l; i++)
                for (var j = 0; j < l; j++) transposed[j * l + i] = codes.Whitening[i * l + j];
            var centred = g.Node("Sub", s, nodes.Code!, g.Weight($"{s}/mean", codes.Mean, new long[] { l }));
            var whitened = g.Node("MatMul", s, centred, g.Weight($"{s}/whitening_t", transposed, new long[] { l, l }));
            var distance = GraphMath.RowSum(g, g.Node("Mul", s, whitened, whitened), s);
            return g.Node("Add", "latent_mahalanobis_plus_reconstruction", GraphMath.RowSum(g, nodes.NllShares!, s),
                          g.Node("Mul", s, distance, g.Scalar($"{s}/half", 0.5f)));
        }

        /// <summary>
        /// The importance-weighted estimate of -log p(x) with <paramref name="samples"/> draws, as ONNX nodes: z_k = mu +
        /// exp(0.5 logvar) eps_k with the draws eps_k fixed in the graph (so scores are deterministic; drawn from a torch
        /// generator of their own seed, so the same in every process), log w_k = log p(x | z_k)
        /// + log p(z_k) - log q(z_k | x), and -log p(x) ~ log K - logsumexp_k log w_k. Unconditional models only.
        /// </summary>
        internal string EmitImportanceWeightedNll(OnnxGraphBuilder g, string x, int samples, int seed)
        {
            if (RefusesScore(AnomalyScoreKind.ImportanceWeightedNll) is string refusal) throw new InvalidOperationException(refusal);
            const string s = "iwae";
            var (mu, logvar) = encoder.Emit(g, x, null, $"{s}/encoder");
            Tensor draws;
            using (var generator = new Generator((ulong)seed, CPU)) draws = randn(new long[] { 1, samples, LatentSize }, generator: generator);
            string eps;
            using (draws) eps = g.Weight($"{s}/eps", draws);
            var second = g.Int64s($"{s}/axis1", new[] { 1L });
            string Sum(string v, long axis, bool keep = false) =>
                g.Node("ReduceSum", s, new[] { v, g.Int64s($"{s}/axes", new[] { axis }) }, OnnxGraphBuilder.Int("keepdims", keep ? 1 : 0));

            var std = g.Node("Exp", s, g.Node("Mul", s, logvar, g.Scalar($"{s}/half", 0.5f)));
            var z3 = g.Node("Add", s, g.Node("Unsqueeze", s, mu, second), g.Node("Mul", s, g.Node("Unsqueeze", s, std, second), eps)); // [B, K, L]
            var z = g.Node("Reshape", s, z3, g.Int64s($"{s}/flat", new[] { -1L, LatentSize }));
            var output = g.Node("Reshape", s, decoder.Emit(g, z, null, $"{s}/decoder"), g.Int64s($"{s}/unflat", new[] { -1L, samples, InputSize }));
            var x3 = g.Node("Unsqueeze", s, x, second);
            string logPx;
            if (Options.Likelihood == Likelihood.Bernoulli) {
                logPx = Sum(g.Node("Sub", s, g.Node("Mul", s, x3, output), g.Node("Softplus", s, output)), 2);
            } else {
                var obs = EmitObservationLogVariance(g);
                var diff = g.Node("Sub", s, x3, output);
                var scaled = g.Node("Mul", s, g.Node("Mul", s, diff, diff), g.Node("Exp", s, g.Node("Neg", s, obs)));
                var perElement = g.Node("Add", s, g.Node("Add", s, scaled, obs), g.Scalar($"{s}/log2pi", (float)Math.Log(2 * Math.PI)));
                logPx = g.Node("Mul", s, Sum(perElement, 2), g.Scalar($"{s}/minus_half", -0.5f));
            }
            // log p(z) - log q(z | x) = 0.5 * (sum eps^2 + sum logvar - sum z^2): the log 2 pi terms cancel.
            var ratio = g.Node("Mul", s, g.Node("Sub", s, g.Node("Add", s, Sum(g.Node("Mul", s, eps, eps), 2), Sum(logvar, 1, keep: true)),
                                                Sum(g.Node("Mul", s, z3, z3), 2)), g.Scalar($"{s}/half_ratio", 0.5f));
            var logW = g.Node("Add", s, logPx, ratio);
            var lse = g.Node("ReduceLogSumExp", s, new[] { logW }, OnnxGraphBuilder.Ints("axes", new[] { 1L }), OnnxGraphBuilder.Int("keepdims", 0));
            return g.Node("Sub", "importance_weighted_nll", g.Scalar($"{s}/log_k", (float)Math.Log(samples)), lse);
        }

        internal override void AddExportMetadata(IDictionary<string, string> metadata)
        {
            metadata["score"] = "negative_elbo";
            metadata["likelihood"] = Options.Likelihood.ToString();
            metadata["beta"] = Options.Beta.Beta.ToString("R", CultureInfo.InvariantCulture);
            metadata["beta_schedule"] = Options.Beta.ToString() ?? "";
            if (NeighbourhoodTerm is not null) {
                metadata["neighbourhood_weight"] = NeighbourhoodTerm.Weight.ToString("R", CultureInfo.InvariantCulture);
                metadata["perplexity"] = NeighbourhoodTerm.Perplexity.ToString("R", CultureInfo.InvariantCulture);
            }
        }

        private protected virtual string EmitMean(OnnxGraphBuilder graph, string output) =>
            Options.Likelihood == Likelihood.Bernoulli ? graph.Node("Sigmoid", "probabilities", output) : output;

        /// <summary>The observation log-variance as it is now: a fixed vector in the exported graph.</summary>
        private protected string EmitObservationLogVariance(OnnxGraphBuilder graph)
        {
            using var logvar = ObservationLogVariance()!;
            return graph.Weight("observation_logvar", logvar);
        }

        /// <summary>Draws z ~ N(0, I) and decodes it: <paramref name="count"/> new rows, the mean of p(x | z).</summary>
        public Tensor Sample(long count)
        {
            if (ConditionSize != 0) throw new InvalidOperationException("A conditional model samples given a condition.");
            if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The number of samples must be positive.");
            using var z = RandomDraws.Normal(new[] { count, LatentSize });
            return Decode(z);
        }

        /// <inheritdoc/>
        public override void CheckTrainingData(TrainingData data)
        {
            base.CheckTrainingData(data);
            if (Options.Likelihood == Likelihood.Bernoulli) data.CheckRange(0, 1, "the Bernoulli likelihood");
        }

        /// <summary>[N, D] -> [k * N, D]: the batch repeated k times (sample-major), for k draws per row.</summary>
        private protected static Tensor RepeatRows(Tensor t, int k)
        {
            using var u = t.unsqueeze(0);
            using var e = u.expand(k, t.shape[0], t.shape[1]);
            return e.reshape(k * t.shape[0], t.shape[1]);
        }
    }
}

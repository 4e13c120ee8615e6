using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Generative.ML.Graphs;
using Generative.ML.Training.Models;
using Generative.ML.Training.Onnx;
using Google.Protobuf;
using Onnx;

namespace Generative.ML.Training.Export
{
    /// <summary>
    /// Exports a trained model as ONNX graphs (encoder, decoder, scorer, and the sampler when asked for): opset 17, a free batch dimension, weights
    /// as initializers, no random operator. Layers are written in inference form (running batch-norm statistics, no
    /// dropout) whatever mode the model is in.
    /// </summary>
    internal static class OnnxExporter
    {
        /// <summary>The ONNX operator set the graphs use.</summary>
        public const int Opset = OnnxGraphBuilder.Opset;
        internal const long IrVersion = OnnxGraphBuilder.IrVersion;
        const string Producer = "Generative.ML";

        /// <summary>Exports one trained model as its ONNX graphs.</summary>
        public static ExportedModel Export(GenerativeModel model, OnnxExportOptions? options = null)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            return Export(new[] { model }, null, options);
        }

        /// <summary>
        /// Exports an ensemble of models of one kind and size as one set of graphs. The scorer runs every member: its
        /// score is the mean over members of (score - center) / scale, each member's score put on a common scale by
        /// <paramref name="normalization"/> (its training scores' median and spread, say); the reconstruction,
        /// reconstruction error and negative ELBO are the members' means, the contributions the mean of each member's
        /// divided by its scale. The encoder, decoder and sampler are the first member's: one model's latent space.
        /// </summary>
        public static ExportedModel ExportEnsemble(IReadOnlyList<GenerativeModel> members, IReadOnlyList<ScoreNormalization> normalization,
                                                   OnnxExportOptions? options = null)
        {
            if (members is null || members.Count == 0) throw new ArgumentException("An ensemble needs at least one member.", nameof(members));
            if (normalization is null || normalization.Count != members.Count)
                throw new ArgumentException($"Each of the {members.Count} members needs its score normalization; got {normalization?.Count ?? 0}.",
                                            nameof(normalization));
            for (var i = 0; i < members.Count; i++) {
                var m = members[i] ?? throw new ArgumentException($"Member {i} is null.", nameof(members));
                if (m.Kind != members[0].Kind || m.InputSize != members[0].InputSize || m.LatentSize != members[0].LatentSize ||
                    m.ConditionSize != members[0].ConditionSize)
                    throw new ArgumentException($"Member {i} ({m.Kind}, {m.InputSize} -> {m.LatentSize}) differs from member 0 " +
                                                $"({members[0].Kind}, {members[0].InputSize} -> {members[0].LatentSize}).", nameof(members));
                if (!(normalization[i].Scale > 0) || !float.IsFinite(normalization[i].Scale) || !float.IsFinite(normalization[i].Center))
                    throw new ArgumentException($"Member {i}'s score normalization needs a finite center and a positive scale; " +
                                                $"got {normalization[i].Center} and {normalization[i].Scale}.", nameof(normalization));
            }
            return Export(members, normalization, options);
        }

        static ExportedModel Export(IReadOnlyList<GenerativeModel> members, IReadOnlyList<ScoreNormalization>? normalization, OnnxExportOptions? options)
        {
            var model = members[0];
            options ??= new OnnxExportOptions();
            if (options.AnomalyThreshold is double t && double.IsNaN(t))
                throw new ArgumentException("The anomaly threshold is NaN.", nameof(options.AnomalyThreshold));

            if (!model.Capabilities.HasFlag(ModelCapabilities.Reconstruct) && members.Count > 1)
                throw new ArgumentException($"A {model.Kind} does not reconstruct: ensembles are for models that do.", nameof(members));
            // Each model says which scores it can give, and why not where it cannot.
            if (members.Select(m => m.RefusesScore(options.Score)).FirstOrDefault(r => r is not null) is string refusal)
                throw new ArgumentException(refusal, nameof(options.Score));
            if (options.ImportanceSamples <= 0)
                throw new ArgumentOutOfRangeException(nameof(options.ImportanceSamples), options.ImportanceSamples, "The number of draws must be positive.");

            var metadata = Metadata(model, options, members.Count);
            var names = options.Names ?? new Dictionary<string, string>();
            if (options.SamplerNoiseWidth is int noise && noise < model.SamplerNoiseSize)
                throw new ArgumentOutOfRangeException(nameof(options.SamplerNoiseWidth), noise, $"The sampler's noise must have at least {model.SamplerNoiseSize} values for this model.");
            if (options.Scaling is { } scaling && scaling.Center.Length != model.InputSize)
                throw new ArgumentException($"The scaling is for rows of {scaling.Center.Length} values; the model takes {model.InputSize}.", nameof(options.Scaling));
            var io = new ScaledIo(options.Scaling);
            var sampler = options.SamplerNoiseWidth is int width ? Sampler(model, width, io, metadata, names) : null;
            // A model without an encoder (the GAN) has no encoder graph.
            var outputs = new Dictionary<string, long>();
            var encoder = model as EncodingModel is { } encoding ? Encoder(encoding, io, metadata, names, outputs) : null;
            return new ExportedModel {
                Encoder = encoder, Decoder = Decoder(model, io, metadata, names), Scorer = Scorer(members, normalization, options, io, metadata, names),
                Sampler = sampler, Metadata = metadata, EncoderOutputs = outputs, HasEncoder = encoder is not null,
                InputColumnName = names.GetValueOrDefault(GraphContract.Input, GraphContract.Input), InputSize = (int)model.InputSize,
                LatentSize = (int)model.LatentSize, ConditionSize = (int)model.ConditionSize,
                ConditionColumnName = model.ConditionSize > 0 ? names.GetValueOrDefault(GraphContract.Condition, GraphContract.Condition) : null,
            };
        }

        static byte[] Encoder(EncodingModel model, ScaledIo io, IReadOnlyDictionary<string, string> metadata, IReadOnlyDictionary<string, string> names,
                              IDictionary<string, long> outputs)
        {
            var g = new OnnxGraphBuilder(GraphContract.EncoderGraph);
            var (x, c) = DataInputs(g, model, io);
            foreach (var (name, value) in model.EmitEncoder(g, x, c)) {
                outputs[name] = model.EncoderOutputSize(name);
                g.Output(name, value, TensorProto.Types.DataType.Float, outputs[name]);
            }
            return Serialize(g, GraphContract.EncoderGraph, metadata, names);
        }

        static byte[] Decoder(GenerativeModel model, ScaledIo io, IReadOnlyDictionary<string, string> metadata, IReadOnlyDictionary<string, string> names)
        {
            var g = new OnnxGraphBuilder(GraphContract.DecoderGraph);
            var z = g.Input(model.LatentInputName, model.LatentSize);
            var c = model.ConditionSize > 0 ? g.Input(GraphContract.Condition, model.ConditionSize) : null;
            g.Output(GraphContract.Reconstruction, io.Out(g, model.EmitDecoder(g, z, c)), TensorProto.Types.DataType.Float, model.InputSize);
            return Serialize(g, GraphContract.DecoderGraph, metadata, names);
        }

        /// <summary>noise [batch, width] of N(0, 1) draws[, condition] -> its first LatentSize values as z -> the decoder's mean.</summary>
        static byte[] Sampler(GenerativeModel model, int width, ScaledIo io, IReadOnlyDictionary<string, string> metadata,
                              IReadOnlyDictionary<string, string> names)
        {
            var g = new OnnxGraphBuilder(GraphContract.SamplerGraph);
            var noise = g.Input(GraphContract.Noise, width);
            var c = model.ConditionSize > 0 ? g.Input(GraphContract.Condition, model.ConditionSize) : null;
            var z = model.EmitSamplerLatent(g, noise);
            g.Output(GraphContract.Reconstruction, io.Out(g, model.EmitDecoder(g, z, c)), TensorProto.Types.DataType.Float, model.InputSize);
            return Serialize(g, GraphContract.SamplerGraph, metadata, names);
        }

        static byte[] Scorer(IReadOnlyList<GenerativeModel> members, IReadOnlyList<ScoreNormalization>? normalization, OnnxExportOptions options,
                             ScaledIo io, IReadOnlyDictionary<string, string> metadata, IReadOnlyDictionary<string, string> names)
        {
            var model = members[0];
            var g = new OnnxGraphBuilder(GraphContract.ScorerGraph);
            var (x, c) = DataInputs(g, model, io);
            var scored = members.Select(m => MemberScore(g, m, options, x, c)).ToList();
            var (nodes, contributions) = scored[0];
            if (normalization is not null) {
                string Mean(IEnumerable<string> values) => g.Node("Mean", "ensemble", values.ToArray());
                string Normalized(string v, int i, bool center) => g.Node("Div", "ensemble",
                    center ? g.Node("Sub", "ensemble", v, g.Scalar("ensemble/center", normalization[i].Center)) : v,
                    g.Scalar("ensemble/scale", normalization[i].Scale));
                // Ensembles are of models that reconstruct (checked above): their reconstruction nodes are there.
                nodes = new ScorerNodes(Mean(scored.Select(s => s.nodes.Reconstruction!)), Mean(scored.Select(s => s.nodes.ReconstructionError!)),
                                        nodes.NegativeElbo is null ? null : Mean(scored.Select(s => s.nodes.NegativeElbo!)),
                                        Mean(scored.Select((s, i) => Normalized(s.nodes.Score, i, center: true))), nodes.ErrorShares, nodes.NllShares);
                contributions = Mean(scored.Select((s, i) => Normalized(s.contributions!, i, center: false)));
            }
            // A model that does not reconstruct (the GAN) gives its score, label and score_label only.
            if (nodes.Reconstruction is not null) g.Output(GraphContract.Reconstruction, io.Out(g, nodes.Reconstruction), TensorProto.Types.DataType.Float, model.InputSize);
            if (nodes.ReconstructionError is not null) g.Output("reconstruction_error", nodes.ReconstructionError, TensorProto.Types.DataType.Float, null);
            if (nodes.NegativeElbo is not null) g.Output("negative_elbo", nodes.NegativeElbo, TensorProto.Types.DataType.Float, null);
            ScoreOutputs(g, nodes.Score, options);
            if (contributions is not null) g.Output(GraphContract.Contributions, contributions, TensorProto.Types.DataType.Float, model.ContributionWidth);
            return Serialize(g, GraphContract.ScorerGraph, metadata, names);
        }

        /// <summary>score, label (score above the threshold) and score_label.</summary>
        static void ScoreOutputs(OnnxGraphBuilder g, string score, OnnxExportOptions options)
        {
            var threshold = g.Scalar("anomaly_threshold", (float)(options.AnomalyThreshold ?? double.PositiveInfinity));
            var label = g.Node("Greater", "label", score, threshold);
            g.Output(GraphContract.Score, score, TensorProto.Types.DataType.Float, null);
            g.Output(GraphContract.Label, label, TensorProto.Types.DataType.Bool, null);
            // Score and label (1 or 0) side by side: ML.NET's ONNX transform then fetches one output per row instead of two.
            var column = g.Int64s("score_label/axis1", new[] { 1L });
            var labelAsFloat = g.Node("Cast", "score_label", new[] { label }, OnnxGraphBuilder.Int("to", (int)TensorProto.Types.DataType.Float));
            var scoreLabel = g.Node("Concat", "score_label", new[] { g.Node("Unsqueeze", "score_label", score, column),
                                                                      g.Node("Unsqueeze", "score_label", labelAsFloat, column) },
                                    OnnxGraphBuilder.Int("axis", 1));
            g.Output(GraphContract.ScoreAndLabel, scoreLabel, TensorProto.Types.DataType.Float, 2);
        }

        /// <summary>One model's scorer nodes, with the score the options ask for, and the per-feature shares of that score.</summary>
        static (ScorerNodes nodes, string? contributions) MemberScore(OnnxGraphBuilder g, GenerativeModel model, OnnxExportOptions options, string x, string? c)
        {
            var nodes = model.EmitScorer(g, x, c);
            if (nodes.ReconstructionError is null) return (nodes, null); // the model's own score, with no per-feature shares
            var byError = options.Score == AnomalyScoreKind.ReconstructionError || nodes.NegativeElbo is null;
            nodes = byError ? nodes with { Score = nodes.ReconstructionError } : nodes with { Score = nodes.NegativeElbo! };
            var contributions = byError ? nodes.ErrorShares! : nodes.NllShares!;
            if (model.EmitScore(g, x, options.Score, nodes, options) is string own) nodes = nodes with { Score = own };
            return (nodes, contributions);
        }

        static (string x, string? condition) DataInputs(OnnxGraphBuilder g, GenerativeModel model, ScaledIo io) =>
            (io.In(g, g.Input(GraphContract.Input, model.InputSize)), model.ConditionSize > 0 ? g.Input(GraphContract.Condition, model.ConditionSize) : null);

        /// <summary>The feature scaling at a graph's edges: (x - center) / scale on the way in, r * scale + center on the way out.</summary>
        sealed class ScaledIo
        {
            readonly Data.FeatureScaling? _scaling;

            public ScaledIo(Data.FeatureScaling? scaling) => _scaling = scaling;

            public string In(OnnxGraphBuilder g, string x) => _scaling is null ? x
                : g.Node("Div", "scaled_x", g.Node("Sub", "scaled_x", x, Vector(g, "scaling/center", _scaling.Center)), Vector(g, "scaling/scale", _scaling.Scale));

            public string Out(OnnxGraphBuilder g, string r) => _scaling is null ? r
                : g.Node("Add", "unscaled", g.Node("Mul", "unscaled", r, Vector(g, "scaling/scale", _scaling.Scale)), Vector(g, "scaling/center", _scaling.Center));

            static string Vector(OnnxGraphBuilder g, string name, float[] values) => g.Weight(name, values, new long[] { values.Length });
        }

        static IReadOnlyDictionary<string, string> Metadata(GenerativeModel model, OnnxExportOptions options, int members)
        {
            var metadata = new SortedDictionary<string, string> {
                ["model_kind"] = model.Kind.ToString(),
                ["input_size"] = model.InputSize.ToString(CultureInfo.InvariantCulture),
                ["latent_size"] = model.LatentSize.ToString(CultureInfo.InvariantCulture),
                ["condition_size"] = model.ConditionSize.ToString(CultureInfo.InvariantCulture),
                ["library_version"] = LibraryVersion,
            };
            if (members > 1) {
                metadata["ensemble_size"] = members.ToString(CultureInfo.InvariantCulture);
                metadata["ensemble_score"] = "mean over members of (score - center) / scale";
            }
            if (options.Scaling is not null) metadata["feature_scaling"] = "inputs (x - center) / scale, reconstructions scaled back";
            model.AddExportMetadata(metadata);
            if (options.Score == AnomalyScoreKind.ReconstructionError) metadata["score"] = "reconstruction_error";
            if (options.Score == AnomalyScoreKind.LatentMahalanobisPlusReconstruction) metadata["score"] = "latent_mahalanobis_plus_reconstruction";
            if (options.Score == AnomalyScoreKind.NegativeElboPlusLatentNeighbours) metadata["score"] = "negative_elbo_plus_latent_neighbours";
            if (options.Score == AnomalyScoreKind.NegativeElboPlusClusterTightness) metadata["score"] = "negative_elbo_plus_cluster_tightness";
            if (options.Score == AnomalyScoreKind.NegativeElboPlusKnownAnomalies) metadata["score"] = "negative_elbo_plus_known_anomalies";
            if (options.Score == AnomalyScoreKind.ImportanceWeightedNll) {
                metadata["score"] = "importance_weighted_nll";
                metadata["importance_samples"] = options.ImportanceSamples.ToString(CultureInfo.InvariantCulture);
            }
            return metadata;
        }

        static string LibraryVersion =>
            typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0";

        static byte[] Serialize(OnnxGraphBuilder g, string role, IReadOnlyDictionary<string, string> metadata, IReadOnlyDictionary<string, string> names)
        {
            g.Rename(names);
            // An initializer no node reads (a constant a shared emitter made for a branch this graph does not take) would
            // make ONNX Runtime print a warning to the user's console when the graph loads: it is left out.
            var read = g.Graph.Node.SelectMany(n => n.Input).Concat(g.Graph.Output.Select(o => o.Name)).ToHashSet();
            foreach (var unused in g.Graph.Initializer.Where(i => !read.Contains(i.Name)).ToList()) g.Graph.Initializer.Remove(unused);
            var model = new ModelProto {
                IrVersion = IrVersion,
                ProducerName = Producer,
                ProducerVersion = LibraryVersion,
                ModelVersion = 1,
                DocString = $"Generative.ML {role} graph",
                Graph = g.Graph,
            };
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
            model.MetadataProps.Add(new StringStringEntryProto { Key = "graph", Value = role });
            foreach (var (key, value) in metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
            return model.ToByteArray();
        }
    }
}

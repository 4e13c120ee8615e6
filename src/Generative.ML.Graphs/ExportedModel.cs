using System;
using System.Collections.Generic;
using System.IO;

namespace Generative.ML.Graphs
{
    /// <summary>
    /// The one description of a trained model's ONNX graphs (encoder, decoder, scorer, sampler) as file bytes, with what
    /// the transforms need to bind them: the input and condition columns, the sizes, the encoder's outputs, and the
    /// metadata every graph carries. The exporter makes it; the fitted transforms (ModelGraphs) hold it; a model loaded
    /// from a saved pipeline has the one graph its transform ran.
    /// </summary>
    internal sealed record ExportedModel
    {
        /// <summary>
        /// x[, condition] -> mu and logvar (VAE family), or code (autoencoders; for VQ models the quantised code, and
        /// code_indices, [batch, stages], as floats). Null for the GAN, which has no encoder, and in a loaded model that did not save it.
        /// </summary>
        public byte[]? Encoder { get; init; }

        /// <summary>z (or code)[, condition] -> reconstruction: the mean of p(x | z), probabilities for Bernoulli.</summary>
        public byte[]? Decoder { get; init; }

        /// <summary>
        /// x[, condition] -> reconstruction, reconstruction_error (per-row MSE), negative_elbo (VAE family), score (the
        /// anomaly score), label (score above the threshold initializer) and contributions ([batch, D]: each feature's share
        /// of the score). The GAN's scorer has only score, label and score_label: its score is -logit D(x).
        /// </summary>
        public byte[]? Scorer { get; init; }

        /// <summary>noise -> reconstruction, when the export was asked for a sampler; else null.</summary>
        public byte[]? Sampler { get; init; }

        /// <summary>The column (graph input) the encoder and scorer read.</summary>
        public string InputColumnName { get; init; } = GraphContract.Input;

        /// <summary>Values per row.</summary>
        public int InputSize { get; init; }

        /// <summary>Size of the code or of z.</summary>
        public int LatentSize { get; init; }

        /// <summary>The conditional VAE's condition column (read by every graph); null otherwise.</summary>
        public string? ConditionColumnName { get; init; }

        /// <summary>Condition values per row; 0 for unconditional models.</summary>
        public int ConditionSize { get; init; }

        /// <summary>The model has an encoder (everything but the GAN), whether or not its graph is here.</summary>
        public bool HasEncoder { get; init; }

        /// <summary>The encoder graph's outputs (by their graph names, before renaming) and their widths; empty without an encoder.</summary>
        public IReadOnlyDictionary<string, long> EncoderOutputs { get; init; } = new Dictionary<string, long>();

        /// <summary>The encoder also gives the posterior log-variance (VAE family).</summary>
        public bool HasLogVariance => EncoderOutputs.ContainsKey(GraphContract.LogVariance);

        /// <summary>The encoder's code indices per row (VQ models: one per stage); 0 without.</summary>
        public int CodeIndicesSize => (int)EncoderOutputs.GetValueOrDefault(GraphContract.CodeIndices);

        /// <summary>The metadata_props written into every graph: model kind, sizes, likelihood, beta, version.</summary>
        public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

        /// <summary>Writes encoder.onnx, decoder.onnx, scorer.onnx and sampler.onnx, those there are, into <paramref name="directory"/> (made if missing).</summary>
        public void Save(string directory)
        {
            if (string.IsNullOrWhiteSpace(directory)) throw new ArgumentException("A directory is needed.", nameof(directory));
            Directory.CreateDirectory(directory);
            foreach (var (name, bytes) in new[] { ("encoder", Encoder), ("decoder", Decoder), ("scorer", Scorer), ("sampler", Sampler) })
                if (bytes is not null) AtomicFile.WriteAllBytes(Path.Combine(directory, $"{name}.onnx"), bytes);
        }
    }
}

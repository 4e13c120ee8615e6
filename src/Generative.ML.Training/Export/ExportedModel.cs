using System;
using System.Collections.Generic;
using System.IO;

namespace Generative.ML.Training.Export
{
    /// <summary>A trained model's ONNX graphs (encoder, decoder, scorer, sampler), as file bytes, and the metadata every one of them carries.</summary>
    internal sealed class ExportedModel
    {
        internal ExportedModel(byte[]? encoder, byte[] decoder, byte[] scorer, IReadOnlyDictionary<string, string> metadata, byte[]? sampler = null,
                               IReadOnlyDictionary<string, long>? encoderOutputs = null)
        {
            EncoderOutputs = encoderOutputs ?? new Dictionary<string, long>();
            Sampler = sampler;
            Encoder = encoder;
            Decoder = decoder;
            Scorer = scorer;
            Metadata = metadata;
        }

        /// <summary>
        /// x[, condition] -> mu and logvar (VAE family), or code (autoencoders; for VQ models the quantised code, and
        /// code_indices, [batch, stages], as floats). Null for the GAN, which has no encoder.
        /// </summary>
        public byte[]? Encoder { get; }

        /// <summary>The encoder graph's outputs and their widths (mu and logvar, or code, and code_indices); empty without an encoder.</summary>
        public IReadOnlyDictionary<string, long> EncoderOutputs { get; }

        /// <summary>z (or code)[, condition] -> reconstruction: the mean of p(x | z), probabilities for Bernoulli.</summary>
        public byte[] Decoder { get; }

        /// <summary>
        /// x[, condition] -> reconstruction, reconstruction_error (per-row MSE), negative_elbo (VAE family), score (the
        /// anomaly score), label (score above the stored threshold) and contributions ([batch, D]: each feature's share
        /// of the score; for the negative ELBO, of its reconstruction term, the KL being the rest). The GAN's scorer has
        /// only score, label and score_label: its score is -logit D(x), and it has no reconstruction.
        /// </summary>
        public byte[] Scorer { get; }

        /// <summary>noise -> reconstruction, when <see cref="OnnxExportOptions.SamplerNoiseWidth"/> was set; else null.</summary>
        public byte[]? Sampler { get; }

        /// <summary>The metadata_props written into every graph: model kind, sizes, likelihood, beta, version, threshold.</summary>
        public IReadOnlyDictionary<string, string> Metadata { get; }

        /// <summary>Writes encoder.onnx, decoder.onnx, scorer.onnx (and sampler.onnx) into <paramref name="directory"/> (made if missing).</summary>
        public void Save(string directory)
        {
            if (string.IsNullOrWhiteSpace(directory)) throw new ArgumentException("A directory is needed.", nameof(directory));
            Directory.CreateDirectory(directory);
            if (Encoder is not null) File.WriteAllBytes(Path.Combine(directory, "encoder.onnx"), Encoder);
            File.WriteAllBytes(Path.Combine(directory, "decoder.onnx"), Decoder);
            File.WriteAllBytes(Path.Combine(directory, "scorer.onnx"), Scorer);
            if (Sampler is not null) File.WriteAllBytes(Path.Combine(directory, "sampler.onnx"), Sampler);
        }
    }
}

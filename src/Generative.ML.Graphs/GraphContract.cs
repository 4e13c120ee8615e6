using System.Collections.Generic;

namespace Generative.ML.Graphs
{
    /// <summary>
    /// The one place that names what flows between the ONNX exporter and the fitted transforms. Every graph is
    /// [batch, width] Single in and out (the label is Boolean), with a free batch dimension.
    /// <list type="bullet">
    /// <item>The exporter writes the graph names (<see cref="Input"/>, <see cref="Mean"/>, ...): a graph read on its own,
    /// in ONNX Runtime or Netron, carries these.</item>
    /// <item>Inside an ML.NET pipeline each is renamed by <see cref="PipelineNames"/>: the input to the user's column, the
    /// rest to fixed internal columns (<see cref="Pipeline"/>) that the transforms copy to the user's names and drop.</item>
    /// </list>
    /// </summary>
    internal static class GraphContract
    {
        /// <summary>Encoder, scorer: the row, in the data's own units (the graphs scale it themselves).</summary>
        public const string Input = "x";

        /// <summary>Every graph of a conditional model: the condition vector.</summary>
        public const string Condition = "condition";

        /// <summary>VAE encoder output: the posterior mean; also the decoder's input.</summary>
        public const string Mean = "mu";

        /// <summary>VAE encoder output: the posterior log-variance.</summary>
        public const string LogVariance = "logvar";

        /// <summary>Autoencoder encoder output (the code); also those models' decoder input.</summary>
        public const string Code = "code";

        /// <summary>The GAN's decoder (generator) input.</summary>
        public const string Latent = "z";

        /// <summary>VQ encoder output: the codebook index per stage, as Single.</summary>
        public const string CodeIndices = "code_indices";

        /// <summary>Decoder, sampler and scorer output: the row rebuilt (the mean of p(x | z)), in the data's units.</summary>
        public const string Reconstruction = "reconstruction";

        /// <summary>Scorer output: the anomaly score, [batch]; higher is more anomalous.</summary>
        public const string Score = "score";

        /// <summary>Scorer output: score above the calibrated threshold, [batch] Boolean.</summary>
        public const string Label = "label";

        /// <summary>Scorer output: score and label (1 or 0) side by side, [batch, 2]: one fetch per row for ML.NET.</summary>
        public const string ScoreAndLabel = "score_label";

        /// <summary>Scorer output: each feature's share of the score, [batch, width].</summary>
        public const string Contributions = "contributions";

        /// <summary>Sampler input: standard normal draws, of which the first LatentSize are z.</summary>
        public const string Noise = "noise";

        /// <summary>The graphs of one model, as the exporter names them (their ONNX graph names too).</summary>
        public const string EncoderGraph = "encoder", DecoderGraph = "decoder", ScorerGraph = "scorer", SamplerGraph = "sampler";

        /// <summary>The fixed internal column names the graphs' values take inside an ML.NET pipeline.</summary>
        public static class Pipeline
        {
            /// <summary>The code or posterior mean (<see cref="Mean"/>, <see cref="Code"/>, <see cref="Latent"/>).</summary>
            public const string Encoded = "GenerativeML.Encoded";

            /// <summary><see cref="GraphContract.LogVariance"/>.</summary>
            public const string LogVariance = "GenerativeML.LogVariance";

            /// <summary><see cref="Reconstruction"/>.</summary>
            public const string Reconstructed = "GenerativeML.Reconstructed";

            /// <summary><see cref="GraphContract.Contributions"/>.</summary>
            public const string Contributions = "GenerativeML.Contributions";

            /// <summary><see cref="GraphContract.CodeIndices"/>.</summary>
            public const string CodeIndices = "GenerativeML.CodeIndices";

            /// <summary><see cref="Score"/>, as ML.NET gives it: a one-element vector.</summary>
            public const string ScoreVector = "GenerativeML.ScoreVector";

            /// <summary><see cref="Label"/>, as ML.NET gives it: a one-element vector.</summary>
            public const string LabelVector = "GenerativeML.LabelVector";

            /// <summary><see cref="GraphContract.ScoreAndLabel"/>.</summary>
            public const string ScoreAndLabel = "GenerativeML.ScoreAndLabel";

            /// <summary><see cref="GraphContract.Noise"/>: <see cref="NoiseWidth"/> draws made from a row's seed.</summary>
            public const string Noise = "GenerativeML.Noise";

            /// <summary>A row's sampling seed, copied from the user's seed column.</summary>
            public const string Seed = "GenerativeML.Seed";

            /// <summary>The draws per row the sampler graph takes in a pipeline (enough for any latent size the options allow).</summary>
            public const int NoiseWidth = 256;
        }

        /// <summary>
        /// Graph name to pipeline column, for a model trained on <paramref name="inputColumn"/> (and conditioned on
        /// <paramref name="conditionColumn"/>): what the exporter renames so that ML.NET binds every graph by name.
        /// </summary>
        public static IReadOnlyDictionary<string, string> PipelineNames(string inputColumn, string? conditionColumn)
        {
            var names = new Dictionary<string, string> {
                [Input] = inputColumn, [Mean] = Pipeline.Encoded, [Code] = Pipeline.Encoded, [Latent] = Pipeline.Encoded,
                [LogVariance] = Pipeline.LogVariance, [Reconstruction] = Pipeline.Reconstructed, [Score] = Pipeline.ScoreVector,
                [Label] = Pipeline.LabelVector, [ScoreAndLabel] = Pipeline.ScoreAndLabel, [Contributions] = Pipeline.Contributions,
                [Noise] = Pipeline.Noise, [CodeIndices] = Pipeline.CodeIndices,
            };
            if (conditionColumn is not null) names[Condition] = conditionColumn;
            return names;
        }
    }
}

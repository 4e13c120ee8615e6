using System.Collections.Generic;

namespace Generative.ML.Training.Onnx
{
    /// <summary>What the exported graphs carry beyond the model's weights.</summary>
    internal sealed class OnnxExportOptions
    {
        /// <summary>
        /// The calibrated anomaly threshold: the scorer labels a row an anomaly when its score is above it. Null means
        /// not calibrated: the label output is then always false. It lives once, in the scorer's anomaly_threshold initializer.
        /// </summary>
        public double? AnomalyThreshold { get; init; }

        /// <summary>Which value is the scorer's "score" (and decides its "label").</summary>
        public AnomalyScoreKind Score { get; init; }

        /// <summary>The draws per row of <see cref="AnomalyScoreKind.ImportanceWeightedNll"/>.</summary>
        public int ImportanceSamples { get; init; } = 64;

        /// <summary>
        /// New names for graph inputs and outputs, by their default name ("x" -> "Features", "score" -> ...), applied to
        /// every graph: ML.NET binds ONNX inputs and outputs to columns by name. A new name that a graph already uses
        /// for another value is refused.
        /// </summary>
        public IReadOnlyDictionary<string, string>? Names { get; init; }

        /// <summary>
        /// When set, a fourth graph, the sampler: input "noise" [batch, width] of standard normal draws, of which the
        /// first LatentSize are z (and "condition" for conditional models); output "reconstruction", the decoder's mean.
        /// </summary>
        public int? SamplerNoiseWidth { get; init; }

        /// <summary>
        /// The scaling the model was trained under (fitted on its training rows): every graph then takes and gives values
        /// in the data's own units; x is scaled on the way in, reconstructions are scaled back on the way out. The scores,
        /// reconstruction error and contributions are measured in the scaled units, where the model was trained.
        /// </summary>
        public Data.FeatureScaling? Scaling { get; init; }
    }
}

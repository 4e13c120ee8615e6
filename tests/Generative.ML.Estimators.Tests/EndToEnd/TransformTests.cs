using System;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>Slow: each transform trained on Fit, checked for its schema and its values.</summary>
    [Trait("Category", "EndToEnd")]
    public class TransformTests
    {
        sealed class Encoded
        {
            [VectorType(Row.Width)] public float[] Features { get; set; } = Array.Empty<float>();
            public float[] Code { get; set; } = Array.Empty<float>();
        }

        sealed class Reconstructed
        {
            [VectorType(Row.Width)] public float[] Features { get; set; } = Array.Empty<float>();
            public float[] Back { get; set; } = Array.Empty<float>();
        }

        [Fact]
        public void VaeAnomalyScoreSeparatesPlantedAnomaliesAndEvaluatesWithMLNet()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(600, 1).Concat(Rows.Anomalies(15, 2)).ToArray());
            var test = ml.Data.LoadFromEnumerable(Rows.Normal(300, 3).Concat(Rows.Anomalies(30, 4)).ToArray());
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", Quick.Vae()).Fit(train);
            var scored = model.Transform(test);
            Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);
            Assert.Equal(BooleanDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
            Assert.DoesNotContain(scored.Schema, c => c.Name.StartsWith("GenerativeML."));

            var metrics = ml.AnomalyDetection.Evaluate(scored, labelColumnName: "Label");
            Assert.True(metrics.AreaUnderRocCurve >= 0.95, $"AUC {metrics.AreaUnderRocCurve:F3}");

            // The threshold flags about the contamination share of the training rows.
            var trainLabels = ml.Data.CreateEnumerable<Flag>(model.Transform(train), reuseRowObject: false).Select(f => f.PredictedLabel).ToArray();
            var flagged = trainLabels.Count(b => b) / (double)trainLabels.Length;
            Assert.InRange(flagged, 0.03, 0.06);
        }

        sealed class Flag
        {
            public bool PredictedLabel { get; set; }
        }

        [Fact]
        public void TheImportanceWeightedScoreSeparatesPlantedAnomaliesToo()
        {
            var ml = new MLContext(seed: 1);
            var options = Quick.Vae();
            options.Score = Generative.ML.AnomalyScoreKind.ImportanceWeightedNll;
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(ml.Data.LoadFromEnumerable(Rows.Normal(600, 1)));
            var scored = model.Transform(ml.Data.LoadFromEnumerable(Rows.Normal(300, 3).Concat(Rows.Anomalies(30, 4)).ToArray()));
            var auc = ml.AnomalyDetection.Evaluate(scored, labelColumnName: "Label").AreaUnderRocCurve;
            Assert.True(auc >= 0.95, $"AUC {auc:F3}");
        }

        [Fact]
        public void TheOptionsReachTheModelAndItsExportedMetadata()
        {
            var ml = new MLContext(seed: 1);
            var options = Quick.Vae();
            options.Epochs = 4;
            options.BetaSchedule = Generative.ML.BetaSchedule.LinearWarmup(0.5, 2);
            options.Likelihood = Generative.ML.Likelihood.GaussianFixedVariance;
            var model = ml.Transforms.VaeEncode("Code", "Features", options).Fit(ml.Data.LoadFromEnumerable(Rows.Normal(200, 1)));
            using var session = new InferenceSession(model.Graphs.Scorer);
            var metadata = session.ModelMetadata.CustomMetadataMap;
            Assert.Equal(options.BetaSchedule.ToString(), metadata["beta_schedule"]);
            Assert.Equal("GaussianFixedVariance", metadata["likelihood"]);
            Assert.Equal("3", metadata["latent_size"]);
        }

        [Fact]
        public void AutoencoderAnomalyScoreSeparatesPlantedAnomalies()
        {
            var ml = new MLContext(seed: 1);
            var model = ml.Transforms.AutoencoderAnomalyScore("Score", "Features", Quick.Autoencoder()).Fit(ml.Data.LoadFromEnumerable(Rows.Normal(600, 1)));
            var scored = model.Transform(ml.Data.LoadFromEnumerable(Rows.Normal(300, 3).Concat(Rows.Anomalies(30, 4)).ToArray()));
            var auc = ml.AnomalyDetection.Evaluate(scored, labelColumnName: "Label").AreaUnderRocCurve;
            Assert.True(auc >= 0.95, $"AUC {auc:F3}");
        }

        [Fact]
        public void VaeEncodeGivesTheOnnxEncodersPosteriorMean()
        {
            var ml = new MLContext(seed: 1);
            var rows = Rows.Normal(400, 1);
            var model = ml.Transforms.VaeEncode("Code", "Features", Quick.Vae()).Fit(ml.Data.LoadFromEnumerable(rows));
            var encodedView = model.Transform(ml.Data.LoadFromEnumerable(rows.Take(50)));
            Assert.Equal(3, ((VectorDataViewType)encodedView.Schema["Code"].Type).Size);
            var encoded = ml.Data.CreateEnumerable<Encoded>(encodedView, reuseRowObject: false).ToArray();

            // The same rows through the exported encoder graph, in one ONNX Runtime call.
            using var session = new InferenceSession(model.OnnxModel);
            var x = rows.Take(50).SelectMany(r => r.Features).ToArray();
            using var input = OrtValue.CreateTensorValueFromMemory(x, new long[] { 50, Row.Width });
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, new[] { "Features" }, new[] { input }, new[] { "GenerativeML.Encoded" });
            var expected = outputs[0].GetTensorDataAsSpan<float>().ToArray();
            Assert.Equal(expected, encoded.SelectMany(e => e.Code).ToArray());
            Assert.True(expected.Select(Math.Abs).Max() > 0.1, "The codes are all near zero: the encoder learned nothing.");
        }

        [Fact]
        public void ReconstructionErrorIsLowerInDistributionThanOnShiftedRows()
        {
            var ml = new MLContext(seed: 1);
            var model = ml.Transforms.AutoencoderReconstruct("Back", "Features", Quick.Autoencoder()).Fit(ml.Data.LoadFromEnumerable(Rows.Normal(600, 1)));
            double Error(Row[] rows) => ml.Data.CreateEnumerable<Reconstructed>(model.Transform(ml.Data.LoadFromEnumerable(rows)), reuseRowObject: false)
                .Average(r => r.Features.Zip(r.Back, (a, b) => (a - b) * (a - b)).Average());
            var inDistribution = Error(Rows.Normal(200, 5));
            var shifted = Error(Rows.Normal(200, 5, shift: 3));
            Assert.True(inDistribution * 3 < shifted, $"in-distribution {inDistribution:F4}, shifted {shifted:F4}");
        }
    }
}

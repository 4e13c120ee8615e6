using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>The detectors under mlContext.AnomalyDetection.Trainers, beside RandomizedPca: the same columns and the same model.</summary>
    public class AnomalyTrainersTests
    {
        [Fact]
        public void TheVaeUnderAnomalyDetectionTrainersIsVaeAnomalyScore()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(400, 1).Concat(Rows.Anomalies(10, 2)).ToArray());
            var test = ml.Data.LoadFromEnumerable(Rows.Normal(200, 3).Concat(Rows.Anomalies(20, 4)).ToArray());
            var options = Quick.Vae();
            var trainer = ml.AnomalyDetection.Trainers.VariationalAutoencoder("Features", options).Fit(train);
            var transform = ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(train);

            var scored = trainer.Transform(test);
            Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);
            Assert.Equal(BooleanDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
            Assert.Equal(transform.Transform(test).GetColumn<float>("Score").ToArray(), scored.GetColumn<float>("Score").ToArray());
            Assert.True(ml.AnomalyDetection.Evaluate(scored, labelColumnName: "Label").AreaUnderRocCurve >= 0.9);
        }

        [Fact]
        public void ThePlainArgumentOverloadsSetTheCommonOptions()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(300, 5).Concat(Rows.Anomalies(10, 6)).ToArray());
            var test = ml.Data.LoadFromEnumerable(Rows.Normal(200, 7).Concat(Rows.Anomalies(20, 8)).ToArray());
            var plain = ml.AnomalyDetection.Trainers.Autoencoder(latentSize: 3, contamination: 0.03, epochs: 15, seed: 4).Fit(train);
            var withOptions = ml.AnomalyDetection.Trainers.Autoencoder("Features", new AutoencoderOptions { LatentSize = 3, Contamination = 0.03, Epochs = 15, Seed = 4 }).Fit(train);
            Assert.Equal(withOptions.Transform(test).GetColumn<float>("Score").ToArray(), plain.Transform(test).GetColumn<float>("Score").ToArray());
            Assert.Equal(withOptions.AnomalyThreshold, plain.AnomalyThreshold);
            Assert.Equal(3, plain.Graphs.LatentSize);
            Assert.Equal("latentSize", Assert.Throws<System.ArgumentOutOfRangeException>(() => ml.AnomalyDetection.Trainers.VariationalAutoencoder(latentSize: 0)).ParamName, ignoreCase: true);
        }

        [Fact]
        public void DisposingTheTransformReleasesItsSessionsAndLeavesTheOnesMadeFromItUsable()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(200, 9));
            var scorer = ml.AnomalyDetection.Trainers.Autoencoder(epochs: 5, seed: 1).Fit(train);
            var encoder = scorer.Encode("Code");
            var before = scorer.Transform(train).GetColumn<float>("Score").ToArray();
            var onnx = ((System.Collections.Generic.IEnumerable<ITransformer>)scorer.Chain).OfType<Microsoft.ML.Transforms.Onnx.OnnxTransformer>().ToList();
            Assert.NotEmpty(onnx);
            scorer.Dispose();
            scorer.Dispose(); // twice is harmless
            Assert.Throws<System.ObjectDisposedException>(() => scorer.Transform(train));
            Assert.Equal(200, encoder.Transform(train).GetColumn<float[]>("Code").Count());
            Assert.Equal(200, before.Length);
        }

        [Fact]
        public void TheTransformsCatalogHasPlainArgumentOverloadsBesideTheOptionsOnes()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(200, 10));
            var plain = ml.Transforms.VaeEncode("Code", "Features", latentSize: 2, epochs: 5, seed: 3).Fit(train);
            var options = ml.Transforms.VaeEncode("Code", "Features", new VariationalAutoencoderOptions { LatentSize = 2, Epochs = 5, Seed = 3 }).Fit(train);
            Assert.Equal(options.Graphs.Encoder, plain.Graphs.Encoder);
            var scored = ml.Transforms.VaeAnomalyScore(contamination: 0.1, epochs: 5, seed: 3).Fit(train);
            var flagged = scored.Transform(train).GetColumn<bool>("PredictedLabel").Count(b => b) / 200.0;
            Assert.InRange(flagged, 0.07, 0.13);
        }
    }
}

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
            var trainer = ml.AnomalyDetection.Trainers.VariationalAutoencoder(options).Fit(train);
            var transform = ml.Transforms.VaeAnomalyScore("Features", options).Fit(train);

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
            var withOptions = ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderOptions { LatentSize = 3, Contamination = 0.03, Epochs = 15, Seed = 4 }).Fit(train);
            Assert.Equal(withOptions.Transform(test).GetColumn<float>("Score").ToArray(), plain.Transform(test).GetColumn<float>("Score").ToArray());
            Assert.Equal(withOptions.AnomalyThreshold, plain.AnomalyThreshold);
            Assert.Equal(3, plain.Graphs.LatentSize);
            Assert.Equal("latentSize", Assert.Throws<System.ArgumentOutOfRangeException>(() => ml.AnomalyDetection.Trainers.VariationalAutoencoder(latentSize: 0)).ParamName, ignoreCase: true);
        }
    }
}

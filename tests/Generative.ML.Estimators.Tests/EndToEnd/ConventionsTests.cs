using System;
using System.IO;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Generative.ML.Transformers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>
    /// ML.NET's conventions, tried through ML.NET with Save, Load and LoadBatched: output names that the user sets (two
    /// detectors in one pipeline), the MLContext's seed, a threshold that moves without training, the model card.
    /// </summary>
    public class ConventionsTests : IDisposable
    {
        readonly string _dir = Path.Combine(Path.GetTempPath(), $"gml-conventions-{Guid.NewGuid():N}");

        public ConventionsTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        sealed class TwoScores
        {
            public float VaeScore { get; set; }
            public bool VaeLabel { get; set; }
            public float[] VaeWhy { get; set; } = Array.Empty<float>();
            public float AeScore { get; set; }
            public bool AeLabel { get; set; }
        }

        sealed class Scored
        {
            public float Score { get; set; }
            public bool PredictedLabel { get; set; }
        }

        /// <summary>The fitted transforms LoadBatched gave back: the model itself, or the ones in its chain.</summary>
        static GenerativeTransformer[] Detectors(ITransformer loaded) => loaded switch {
            GenerativeTransformer one => new[] { one },
            TransformerChain<ITransformer> chain => chain.OfType<GenerativeTransformer>().ToArray(),
            _ => Array.Empty<GenerativeTransformer>(),
        };

        static VariationalAutoencoderOptions Vae(int? seed = 1)
        {
            var options = Quick.Vae();
            options.Seed = seed;
            options.Epochs = 20;
            return options;
        }

        [Fact]
        public void TwoDetectorsInOnePipelineKeepTheirOwnColumnsThroughSaveLoadAndLoadBatched()
        {
            var ml = new MLContext(seed: 1);
            var rows = Rows.Normal(300, 1).Concat(Rows.Anomalies(10, 2)).ToArray();
            var data = ml.Data.LoadFromEnumerable(rows);
            var vae = Vae();
            vae.PredictedLabelColumnName = "VaeLabel";
            vae.FeatureContributionsColumnName = "VaeWhy";
            var ae = Quick.Autoencoder();
            ae.Epochs = 20;
            ae.PredictedLabelColumnName = "AeLabel";
            ae.FeatureContributionsColumnName = null;
            var model = ml.Transforms.VaeAnomalyScore("VaeScore", "Features", vae)
                .Append(ml.Transforms.AutoencoderAnomalyScore("AeScore", "Features", ae))
                .Fit(data);

            var output = model.Transform(data).Schema;
            Assert.Null(output.GetColumnOrNull("Score"));
            Assert.Null(output.GetColumnOrNull("PredictedLabel"));
            Assert.Null(output.GetColumnOrNull("FeatureContributions"));
            Assert.DoesNotContain(output, c => c.Name.StartsWith("GenerativeML.", StringComparison.Ordinal));

            var fitted = ml.Data.CreateEnumerable<TwoScores>(model.Transform(data), reuseRowObject: false).ToArray();
            Assert.NotEqual(fitted.Select(r => r.VaeScore), fitted.Select(r => r.AeScore)); // each detector its own score
            Assert.All(fitted, r => Assert.Equal(Row.Width, r.VaeWhy.Length));

            var zip = Path.Combine(_dir, "two.zip");
            ml.Model.Save(model, data.Schema, zip);
            var loaded = ml.Model.Load(zip, out _);
            var again = ml.Data.CreateEnumerable<TwoScores>(loaded.Transform(data), reuseRowObject: false).ToArray();
            var batched = ml.Model.LoadBatched(zip, out _);
            var fast = ml.Data.CreateEnumerable<TwoScores>(batched.Transform(data), reuseRowObject: false).ToArray();
            foreach (var other in new[] { again, fast }) {
                Assert.Equal(fitted.Select(r => r.VaeScore), other.Select(r => r.VaeScore));
                Assert.Equal(fitted.Select(r => r.AeScore), other.Select(r => r.AeScore));
                Assert.Equal(fitted.Select(r => r.VaeLabel), other.Select(r => r.VaeLabel));
                Assert.Equal(fitted.Select(r => r.AeLabel), other.Select(r => r.AeLabel));
            }
            // LoadBatched gives the detectors back as fitted transforms, each with its own card.
            var detectors = Detectors(batched);
            Assert.Equal(new[] { "VAE", "autoencoder" }, detectors.Select(d => d.ModelCard.Family));
            (batched as IDisposable)?.Dispose();
        }

        [Fact]
        public void TheContextSeedDecidesTheModelWhereTheOptionsSetNone()
        {
            var rows = Rows.Normal(200, 3);
            byte[] Fit(int contextSeed, int? optionsSeed)
            {
                var ml = new MLContext(seed: contextSeed);
                using var model = ml.Transforms.VaeAnomalyScore("Score", "Features", Vae(optionsSeed)).Fit(ml.Data.LoadFromEnumerable(rows));
                return model.Graphs.Scorer!;
            }
            Assert.Equal(Fit(5, null), Fit(5, null));       // same context seed, same bytes
            Assert.NotEqual(Fit(5, null), Fit(6, null));    // another context seed, other bytes
            Assert.Equal(Fit(5, 3), Fit(6, 3));             // the options' seed wins over the context's
        }

        [Fact]
        public void TheThresholdMovesWithoutTrainingOnTheFittedAndTheLoadedModelAndSavesWithIt()
        {
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(Rows.Normal(400, 4));
            using var model = ml.Transforms.VaeAnomalyScore("Score", "Features", Vae()).Fit(data);
            Assert.Equal(0.05, model.ModelCard.Contamination);
            double Flagged(ITransformer t) => ml.Data.CreateEnumerable<Scored>(t.Transform(data), reuseRowObject: false).Average(s => s.PredictedLabel ? 1.0 : 0.0);
            Assert.InRange(Flagged(model), 0.04, 0.06);

            using var wider = model.WithContamination(0.2);
            Assert.InRange(Flagged(wider), 0.19, 0.21);
            Assert.Equal(0.2, wider.ModelCard.Contamination);
            Assert.True(wider.AnomalyThreshold < model.AnomalyThreshold);
            // The scores are the same model's: only the labels moved.
            var before = ml.Data.CreateEnumerable<Scored>(model.Transform(data), reuseRowObject: false).ToArray();
            var after = ml.Data.CreateEnumerable<Scored>(wider.Transform(data), reuseRowObject: false).ToArray();
            Assert.Equal(before.Select(s => s.Score), after.Select(s => s.Score));

            // By value: the label is score > threshold; saved and loaded, the new threshold stays.
            var threshold = before.Select(s => s.Score).OrderBy(s => s).ElementAt(300);
            using var byValue = model.WithThreshold(threshold);
            Assert.Null(byValue.ModelCard.Contamination);
            var zip = Path.Combine(_dir, "moved.zip");
            ml.Model.Save(byValue, data.Schema, zip);
            var loaded = ml.Data.CreateEnumerable<Scored>(ml.Model.Load(zip, out _).Transform(data), reuseRowObject: false).ToArray();
            Assert.Equal(loaded.Select(s => s.Score > threshold), loaded.Select(s => s.PredictedLabel));
            Assert.Equal(99, loaded.Count(s => s.PredictedLabel));

            // The loaded model moves too, by the training scores its card kept.
            var batched = ml.Model.LoadBatched(zip, out _);
            var detector = Detectors(batched).Single();
            Assert.Equal(threshold, detector.AnomalyThreshold);
            using var reloadedWider = detector.WithContamination(0.2);
            Assert.Equal(wider.AnomalyThreshold, reloadedWider.AnomalyThreshold);
            Assert.InRange(Flagged(reloadedWider), 0.19, 0.21);
            (batched as IDisposable)?.Dispose();
        }

        [Fact]
        public void TheModelCardSaysHowTheModelWasTrainedAlsoAfterLoad()
        {
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(Rows.Normal(300, 5));
            var options = Vae();
            options.ValidationFraction = 0.2;
            using var model = ml.Transforms.VaeEncode("Code", "Features", options).Fit(data);
            var card = model.ModelCard;
            Assert.Equal("VAE", card.Family);
            Assert.Equal(Row.Width, card.InputSize);
            Assert.Equal(3, card.LatentSize);
            Assert.Equal(new long[] { 32, 16 }, card.HiddenSizes);
            Assert.Equal(20, card.Epochs);
            Assert.Equal(20L * options.BatchesPerEpoch(300), card.Steps);
            Assert.Equal(300, card.TrainingRows);
            Assert.Equal(1, card.Seed);
            Assert.Equal("Robust", card.Scaling);
            Assert.Equal("NegativeElbo", card.ScoreKind);
            Assert.Equal(model.AnomalyThreshold, card.AnomalyThreshold);
            Assert.All(card.History, e => Assert.True(double.IsFinite(e.Loss) && e.ValidationLoss is double v && double.IsFinite(v)));
            Assert.True(card.History[^1].Loss < card.History[0].Loss);
            Assert.NotNull(card.BestEpoch);
            foreach (var package in new[] { "Generative.ML", "ML.NET", "ONNX Runtime", "TorchSharp" }) Assert.False(string.IsNullOrEmpty(card.Versions[package]));

            var zip = Path.Combine(_dir, "card.zip");
            ml.Model.Save(model, data.Schema, zip);
            var batched = ml.Model.LoadBatched(zip, out _);
            var loaded = Detectors(batched).Single().ModelCard;
            Assert.Equal(card.ToString(), loaded.ToString());
            Assert.Equal(card.History.Select(e => e.Loss), loaded.History.Select(e => e.Loss));
            (batched as IDisposable)?.Dispose();
        }

        [Fact]
        public void TrainerSettingsReachTheTrainer()
        {
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(Rows.Normal(200, 6));
            byte[] Fit(Action<VariationalAutoencoderOptions> set)
            {
                var options = Vae();
                set(options);
                using var model = ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(data);
                return model.Graphs.Scorer!;
            }
            var plain = Fit(_ => { });
            Assert.NotEqual(plain, Fit(o => o.WeightDecay = 0.1));
            Assert.NotEqual(plain, Fit(o => o.GradientClipNorm = 1e-3));
            var options = Vae();
            options.LearningRateSchedule = LearningRateSchedule.Cosine(0.1);
            using var cosine = ml.Transforms.VaeEncode("Code", "Features", options).Fit(data);
            var rates = cosine.ModelCard.History.Select(e => e.LearningRate).ToArray();
            Assert.Equal(options.LearningRate, rates[0], 12);
            Assert.True(rates.Zip(rates.Skip(1)).All(p => p.Second <= p.First) && rates[^1] < rates[0] / 5);
        }

        [Theory]
        [InlineData("LatentSize", "256")]
        [InlineData("WeightDecay", "weight decay")]
        [InlineData("GradientClipNorm", "clipping")]
        [InlineData("PredictedLabelColumnName", "name")]
        [InlineData("Seed", "seed")]
        public void EveryOptionIsCheckedWhenTheEstimatorIsMade(string option, string message)
        {
            var options = Vae();
            switch (option) {
                case "LatentSize": options.LatentSize = 300; break;
                case "WeightDecay": options.WeightDecay = -1; break;
                case "GradientClipNorm": options.GradientClipNorm = 0; break;
                case "PredictedLabelColumnName": options.PredictedLabelColumnName = " "; break;
                case "Seed": options.Seed = -4; break;
            }
            var e = Assert.ThrowsAny<ArgumentException>(() => new MLContext().Transforms.VaeAnomalyScore("Score", "Features", options));
            Assert.Equal(option, e.ParamName);
            Assert.Contains(message, e.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void TheScoreAndLabelColumnsMustDifferFromEachOther()
        {
            var options = Vae();
            options.PredictedLabelColumnName = "Same";
            var e = Assert.Throws<ArgumentException>(() => new MLContext().Transforms.VaeAnomalyScore("Same", "Features", options));
            Assert.Contains("distinct", e.Message);
        }
    }
}

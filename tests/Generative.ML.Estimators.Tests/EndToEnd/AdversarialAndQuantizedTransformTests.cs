using System;
using System.IO;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Generative.ML.Transformers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>Slow: the VQ-VAE, the adversarial autoencoder, the VAE-GAN and the GAN through the ML.NET transforms and Save/Load.</summary>
    [Trait("Category", "EndToEnd")]
    public class AdversarialAndQuantizedTransformTests(ITestOutputHelper output)
    {
        sealed class Encoded
        {
            public float[] Code { get; set; } = Array.Empty<float>();
            public float[] Indices { get; set; } = Array.Empty<float>();
        }

        sealed class CodeOnly
        {
            public float[] Code { get; set; } = Array.Empty<float>();
        }

        sealed class Scored
        {
            public float Score { get; set; }
            public bool PredictedLabel { get; set; }
        }

        sealed class Generated
        {
            public float[] Features { get; set; } = Array.Empty<float>();
        }

        static Row[] Test() => Rows.Normal(300, 3).Concat(Rows.Anomalies(30, 4)).ToArray();

        static T Reload<T>(MLContext ml, ITransformer model, DataViewSchema schema, Func<ITransformer, T> use)
        {
            var path = Path.Combine(Path.GetTempPath(), $"gml-adv-{Guid.NewGuid():N}.zip");
            try {
                ml.Model.Save(model, schema, path);
                return use(ml.Model.Load(path, out _));
            } finally {
                File.Delete(path);
            }
        }

        [Fact]
        public void Vq_encode_gives_the_code_and_its_index_per_stage_as_known_size_columns_that_survive_save_and_load()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(600, 1));
            var options = Quick.VectorQuantized();
            options.CodeIndicesColumnName = "Indices";
            var model = ml.Transforms.VectorQuantizedEncode("Code", "Features", options).Fit(train);
            var test = ml.Data.LoadFromEnumerable(Test());
            var schema = model.Transform(test).Schema;
            // Known-size Single vectors (ML.NET's ONNX transform keeps the graph's [1, width] shape: Size is the width).
            Assert.Equal((NumberDataViewType.Single, 3), (((VectorDataViewType)schema["Code"].Type).ItemType, ((VectorDataViewType)schema["Code"].Type).Size));
            Assert.Equal((NumberDataViewType.Single, 2), (((VectorDataViewType)schema["Indices"].Type).ItemType, ((VectorDataViewType)schema["Indices"].Type).Size));
            var rows = ml.Data.CreateEnumerable<Encoded>(model.Transform(test), reuseRowObject: false).ToArray();
            Assert.All(rows, r => Assert.All(r.Indices, i => Assert.True(i >= 0 && i < 16 && i == Math.Floor(i), $"index {i}")));
            // The code is the sum of one vector per stage: rows with equal indices have equal codes.
            foreach (var group in rows.GroupBy(r => string.Join(",", r.Indices)))
                Assert.All(group, r => Assert.Equal(group.First().Code, r.Code));
            var used = rows.Select(r => r.Indices[0]).Distinct().Count();
            output.WriteLine($"first-stage codes used by the test rows: {used} of 16");
            Assert.True(used >= 4, $"only {used} first-stage codes in use");
            var loaded = Reload(ml, model, train.Schema, t => ml.Data.CreateEnumerable<Encoded>(t.Transform(test), reuseRowObject: false).ToArray());
            Assert.Equal(rows.Select(r => r.Code.Concat(r.Indices)), loaded.Select(r => r.Code.Concat(r.Indices)));

            var a = ml.Data.CreateEnumerable<Generated>(model.Sample(ml, 2000, seed: 3), reuseRowObject: false).Select(g => g.Features).ToArray();
            var again = ml.Data.CreateEnumerable<Generated>(model.Sample(ml, 2000, seed: 3), reuseRowObject: false).Select(g => g.Features).ToArray();
            Assert.Equal(a, again);
            // Samples decode code combinations the 600 training rows took: 2,000 draws give at most 600 distinct rows
            // (decoding continuous draws would give 2,000).
            var distinct = a.Select(r => string.Join(",", r)).Distinct().Count();
            output.WriteLine($"distinct rows among 2000 samples: {distinct}");
            Assert.True(distinct <= 600, $"{distinct} distinct samples: not drawn from the training rows' code combinations");
            Assert.All(a, r => Assert.All(r, v => Assert.True(float.IsFinite(v))));
        }

        [Fact]
        public void The_adversarial_autoencoder_scores_anomalies_and_samples_through_ml_net()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(600, 1));
            var model = ml.Transforms.AdversarialAutoencoderAnomalyScore("Score", "Features", Quick.AdversarialAutoencoder()).Fit(train);
            var test = ml.Data.LoadFromEnumerable(Test());
            var auc = ml.AnomalyDetection.Evaluate(model.Transform(test), labelColumnName: "Label").AreaUnderRocCurve;
            output.WriteLine($"AAE reconstruction-error AUC {auc:F3}");
            Assert.True(auc >= 0.95, $"AUC {auc:F3}");
            var generated = ml.Data.CreateEnumerable<Generated>(model.Sample(ml, 2000, seed: 1), reuseRowObject: false).Select(g => g.Features).ToArray();
            // Decoded prior draws follow the training rows' scale, feature by feature.
            var normal = Rows.Normal(2000, 9);
            for (var i = 0; i < Row.Width; i++) {
                var (s, t) = (Std(generated.Select(r => (double)r[i])), Std(normal.Select(r => (double)r.Features[i])));
                Assert.True(s > 0.5 * t && s < 1.5 * t, $"feature {i}: samples' std {s:F2}, data's {t:F2}");
            }
        }

        [Fact]
        public void A_mixture_prior_reaches_the_exported_sampler_and_bad_prior_settings_are_refused_by_name()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(600, 1));
            var options = Quick.AdversarialAutoencoder();
            options.PriorComponents = 4;
            options.GradientPenalty = 2.5;
            var model = ml.Transforms.AdversarialAutoencoderAnomalyScore("Score", "Features", options).Fit(train);
            using (var sampler = new Microsoft.ML.OnnxRuntime.InferenceSession(model.Graphs.Sampler!)) {
                Assert.Equal("4", sampler.ModelMetadata.CustomMetadataMap["prior_components"]);
                Assert.Equal("2.5", sampler.ModelMetadata.CustomMetadataMap["gradient_penalty"]);
            }
            var generated = ml.Data.CreateEnumerable<Generated>(model.Sample(ml, 500, seed: 4), reuseRowObject: false).Select(g => g.Features).ToArray();
            Assert.All(generated, r => Assert.All(r, v => Assert.True(float.IsFinite(v))));
            // Encoding the samples again lands near the four components' centres (radius 2 in the first two code
            // dimensions), not around the origin as N(0, I) draws would.
            var codes = ml.Data.CreateEnumerable<CodeOnly>(model.Encode("Code").Transform(ml.Data.LoadFromEnumerable(generated.Select(g => new Row { Features = g }))),
                                                          reuseRowObject: false).Select(e => Math.Sqrt(e.Code[0] * e.Code[0] + e.Code[1] * e.Code[1])).ToArray();
            output.WriteLine($"radius of the re-encoded samples' codes in dimensions 1-2: median {codes.Order().ElementAt(codes.Length / 2):F2}");
            Assert.InRange(codes.Order().ElementAt(codes.Length / 2), 1.4, 2.6);

            Assert.Equal("PriorComponents", Assert.Throws<ArgumentOutOfRangeException>(() =>
                ml.Transforms.AdversarialAutoencoderAnomalyScore("Score", "Features", new AdversarialAutoencoderOptions { PriorComponents = 0 })).ParamName);
            Assert.Equal("PriorComponents", Assert.Throws<ArgumentOutOfRangeException>(() =>
                ml.Transforms.AdversarialAutoencoderAnomalyScore("Score", "Features", new AdversarialAutoencoderOptions { PriorComponents = 3, LatentSize = 1 })).ParamName);
            Assert.Equal("GradientPenalty", Assert.Throws<ArgumentOutOfRangeException>(() =>
                ml.Transforms.AdversarialAutoencoderAnomalyScore("Score", "Features", new AdversarialAutoencoderOptions { GradientPenalty = -1 })).ParamName);
        }

        [Fact]
        public void The_mmd_matched_adversarial_autoencoder_scores_samples_and_saves_and_loads()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(600, 1));
            var options = Quick.AdversarialAutoencoder();
            options.CodeMatching = Generative.ML.CodeMatching.MaximumMeanDiscrepancy;
            options.PriorComponents = 4;
            var model = ml.Transforms.AdversarialAutoencoderAnomalyScore("Score", "Features", options).Fit(train);
            using (var sampler = new Microsoft.ML.OnnxRuntime.InferenceSession(model.Graphs.Sampler!))
                Assert.Equal("MaximumMeanDiscrepancy", sampler.ModelMetadata.CustomMetadataMap["code_matching"]);
            var test = ml.Data.LoadFromEnumerable(Test());
            var auc = ml.AnomalyDetection.Evaluate(model.Transform(test), labelColumnName: "Label").AreaUnderRocCurve;
            output.WriteLine($"MMD-matched AAE reconstruction-error AUC {auc:F3}");
            Assert.True(auc >= 0.95, $"AUC {auc:F3}");
            float[] Scores(ITransformer t) => ml.Data.CreateEnumerable<Scored>(t.Transform(test), reuseRowObject: false).Select(s => s.Score).ToArray();
            Assert.Equal(Scores(model), Reload(ml, model, train.Schema, Scores));
            var generated = ml.Data.CreateEnumerable<Generated>(model.Sample(ml, 500, seed: 4), reuseRowObject: false).Select(g => g.Features).ToArray();
            Assert.All(generated, r => Assert.All(r, v => Assert.True(float.IsFinite(v))));

            Assert.Equal("MmdWeight", Assert.Throws<ArgumentOutOfRangeException>(() =>
                ml.Transforms.AdversarialAutoencoderAnomalyScore("Score", "Features", new AdversarialAutoencoderOptions { MmdWeight = double.NaN })).ParamName);
            Assert.Equal("PriorSpread", Assert.Throws<ArgumentOutOfRangeException>(() =>
                ml.Transforms.AdversarialAutoencoderAnomalyScore("Score", "Features", new AdversarialAutoencoderOptions { PriorSpread = 0 })).ParamName);
        }

        [Fact]
        public void The_vae_gan_is_the_vae_with_an_adversarial_weight_and_saves_and_loads()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(600, 1));
            var options = Quick.Vae();
            options.AdversarialWeight = 0.1;
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(train);
            using (var session = new Microsoft.ML.OnnxRuntime.InferenceSession(model.Graphs.Scorer))
                Assert.Equal("VaeGan", session.ModelMetadata.CustomMetadataMap["model_kind"]);
            var test = ml.Data.LoadFromEnumerable(Test());
            var auc = ml.AnomalyDetection.Evaluate(model.Transform(test), labelColumnName: "Label").AreaUnderRocCurve;
            Assert.True(auc >= 0.95, $"AUC {auc:F3}");
            float[] Scores(ITransformer t) => ml.Data.CreateEnumerable<Scored>(t.Transform(test), reuseRowObject: false).Select(s => s.Score).ToArray();
            Assert.Equal(Scores(model), Reload(ml, model, train.Schema, Scores));
            Assert.Throws<ArgumentException>(() => ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { FeatureMatchingWeight = 1 }));
        }

        [Fact]
        public void The_gan_samples_and_scores_by_its_discriminator_and_refuses_to_encode()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(800, 1));
            var model = ml.Transforms.GanAnomalyScore("Score", "Features", Quick.Gan()).Fit(train);
            var test = ml.Data.LoadFromEnumerable(Test());
            var scored = model.Transform(test);
            Assert.False(scored.Schema.GetColumnOrNull("FeatureContributions").HasValue);
            var ganAuc = ml.AnomalyDetection.Evaluate(scored, labelColumnName: "Label").AreaUnderRocCurve;
            var vaeAuc = ml.AnomalyDetection.Evaluate(ml.Transforms.VaeAnomalyScore("Score", "Features", Quick.Vae()).Fit(train).Transform(test), labelColumnName: "Label")
                .AreaUnderRocCurve;
            output.WriteLine($"planted anomalies, AUC: GAN discriminator {ganAuc:F3}, VAE negative ELBO {vaeAuc:F3}");
            Assert.True(ganAuc > 0.6, $"the discriminator's AUC {ganAuc:F3} is barely above chance");
            float[] Scores(ITransformer t) => ml.Data.CreateEnumerable<Scored>(t.Transform(test), reuseRowObject: false).Select(s => s.Score).ToArray();
            Assert.Equal(Scores(model), Reload(ml, model, train.Schema, Scores));

            var generated = ml.Data.CreateEnumerable<Generated>(model.Sample(ml, 2000, seed: 2), reuseRowObject: false).Select(g => g.Features).ToArray();
            Assert.All(generated, r => Assert.All(r, v => Assert.True(float.IsFinite(v))));
            Assert.Contains("no encoder", Assert.Throws<InvalidOperationException>(() => model.Encode("Code")).Message);
            Assert.Contains("no encoder", Assert.Throws<InvalidOperationException>(() => model.Reconstruct("Copy")).Message);
            Assert.Throws<ArgumentException>(() => ml.Transforms.GanAnomalyScore("Score", "Features", new GanOptions { FeatureContributionsColumnName = "C" }));
            Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.GanAnomalyScore("Score", "Features", new GanOptions { EnsembleSize = 2 }));
            Assert.Contains("early stopping", Assert.Throws<ArgumentException>(() =>
                ml.Transforms.GanSample("G", "Seed", "Features", new GanOptions { EarlyStoppingPatience = 3, ValidationFraction = 0.1 })).Message);
        }

        static double Std(System.Collections.Generic.IEnumerable<double> values)
        {
            var v = values.ToArray();
            var mean = v.Average();
            return Math.Sqrt(v.Average(x => (x - mean) * (x - mean)));
        }
    }
}

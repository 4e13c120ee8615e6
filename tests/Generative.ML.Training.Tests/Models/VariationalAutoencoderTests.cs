using System;
using System.Linq;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Models
{
    public class VariationalAutoencoderTests
    {
        static MlpArchitecture Mlp(params long[] hidden) => new() { HiddenSizes = hidden };

        [Fact]
        public void ReparameterizedSamplesHaveTheEncodedMeanAndVariance()
        {
            manual_seed(1);
            using var mu = full(new long[] { 200_000, 1 }, 1.5);
            using var logvar = full(new long[] { 200_000, 1 }, Math.Log(0.25));
            using var z = VariationalAutoencoder.Reparameterize(mu, logvar);
            var s = z.data<float>().ToArray();
            var mean = s.Average();
            var variance = s.Select(v => (v - mean) * (v - mean)).Average();
            Assert.Equal(1.5, mean, 2);       // standard error 0.5 / sqrt(2e5) = 0.001
            Assert.Equal(0.25, variance, 2);
        }

        [Fact]
        public void LossIsTheNegativeElboWithBetaOnTheKl()
        {
            using var vae = new VariationalAutoencoder(6, 2, Mlp(5), new VaeOptions { Beta = BetaSchedule.Constant(3) });
            using var x = randn(9, 6);
            manual_seed(7);
            var terms = vae.Loss(x, null, default);
            // The same draw by hand: reseed, encode, sample, decode, and take the closed-form terms.
            manual_seed(7);
            var (mu, logvar) = vae.EncodeDistribution(x);
            using var z = VariationalAutoencoder.Reparameterize(mu, logvar);
            using var output = vae.DecodeParameters(z);
            var reconstruction = -vae.LogLikelihood(x, output).mean().ToDouble();
            var kl = Objective.GaussianKl(mu, logvar).mean().ToDouble();
            Assert.Equal(reconstruction + 3 * kl, terms.Total.ToDouble(), 4);
            var parts = terms.Parts.ToDictionary(p => p.Name, p => p.Value.ToDouble());
            Assert.Equal(reconstruction, parts["reconstruction"], 4);
            Assert.Equal(kl, parts["kl"], 4);
        }

        [Fact]
        public void LogVarianceStaysInsideItsBoundSoHugeInputsCannotOverflow()
        {
            using var vae = new VariationalAutoencoder(4, 2, Mlp(8), new VaeOptions { LogVarianceBound = 6 });
            using var x = full(new long[] { 3, 4 }, 1e6);
            var (mu, logvar) = vae.EncodeDistribution(x);
            Assert.All(logvar.data<float>().ToArray(), v => Assert.InRange(v, -6f, 6f));
            using var observation = vae.ObservationLogVariance()!;
            Assert.All(observation.data<float>().ToArray(), v => Assert.Equal(0f, v, 5));   // starts at log(1)
        }

        [Fact]
        public void BernoulliDecodesProbabilitiesAndRefusesDataOutsideTheUnitInterval()
        {
            using var vae = new VariationalAutoencoder(4, 2, Mlp(3), new VaeOptions { Likelihood = Likelihood.Bernoulli });
            using var z = randn(5, 2) * 30;
            using var p = vae.Decode(z);
            Assert.All(p.data<float>().ToArray(), v => Assert.InRange(v, 0f, 1f));
            Assert.Null(vae.ObservationLogVariance());
            var data = TrainingData.FromMatrix(new[] { 0f, 1f, 0.5f, 1f, 0f, 1.5f, 0f, 0f }, 4);
            var e = Assert.Throws<InvalidTrainingDataException>(() => vae.CheckTrainingData(data));
            Assert.Equal((1, 1), (e.Row!.Value, e.Column!.Value));
        }

        [Fact]
        public void EncodingIsTheDeterministicMean()
        {
            using var vae = new VariationalAutoencoder(6, 3, Mlp(5));
            using var x = randn(4, 6);
            using var a = vae.Encode(x);
            using var b = vae.Encode(x);
            var (mu, _) = vae.EncodeDistribution(x);
            Assert.Equal(mu.data<float>().ToArray(), a.data<float>().ToArray());
            Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        }

        [Fact]
        public void NegativeElboForScoringUsesTheMeanAndTheAnalyticKl()
        {
            using var vae = new VariationalAutoencoder(6, 2, Mlp(5), new VaeOptions { Likelihood = Likelihood.GaussianFixedVariance, ObservationVariance = 0.5 });
            using var x = randn(3, 6);
            using var score = vae.NegativeElbo(x);
            var (mu, logvar) = vae.EncodeDistribution(x);
            using var mean = vae.Decode(mu);
            var m = mean.data<float>().ToArray();
            var xs = x.data<float>().ToArray();
            var kl = Objective.GaussianKl(mu, logvar).data<float>().ToArray();
            for (var r = 0; r < 3; r++) {
                var nll = Enumerable.Range(0, 6).Sum(i => 0.5 * Math.Log(2 * Math.PI * 0.5) + (xs[r * 6 + i] - m[r * 6 + i]) * (xs[r * 6 + i] - m[r * 6 + i]) / (2 * 0.5));
                Assert.Equal(nll + kl[r], score.data<float>()[r], 3);
            }
        }

        [Fact]
        public void ConditionalModelsNeedTheirCondition()
        {
            using var cvae = new ConditionalVariationalAutoencoder(6, 3, 2, Mlp(5));
            using var x = randn(4, 6);
            Assert.Throws<ArgumentNullException>(() => cvae.Encode(x));
            using var wrong = zeros(4, 2);
            Assert.Equal("condition", Assert.Throws<ArgumentException>(() => cvae.Encode(x, wrong)).ParamName);
            using var c = zeros(4, 3);
            using var samples = cvae.Sample(c);
            Assert.Equal(new long[] { 4, 6 }, samples.shape);
            Assert.Equal("conditionSize", Assert.Throws<ArgumentOutOfRangeException>(() => new ConditionalVariationalAutoencoder(6, 0, 2)).ParamName);
            var data = TrainingData.FromMatrix(new float[12], 6);
            Assert.Equal("data", Assert.Throws<InvalidTrainingDataException>(() => cvae.CheckTrainingData(data)).ParamName);
        }

        [Fact]
        public void IwaeRefusesABetaAndItsOneSampleBoundIsTheElbo()
        {
            Assert.Equal("options", Assert.Throws<ArgumentException>(() =>
                new ImportanceWeightedAutoencoder(6, 2, 5, options: new VaeOptions { Beta = BetaSchedule.Constant(2) })).ParamName);
            Assert.Equal("samples", Assert.Throws<ArgumentOutOfRangeException>(() => new ImportanceWeightedAutoencoder(6, 2, 0)).ParamName);
            // k = 1: log-mean-exp of one weight is the weight itself, the Monte Carlo ELBO.
            using var iwae = new ImportanceWeightedAutoencoder(6, 2, samples: 1, Mlp(5));
            using var x = randn(8, 6);
            manual_seed(2);
            var terms = iwae.Loss(x, null, default);
            var parts = terms.Parts.ToDictionary(p => p.Name, p => p.Value.ToDouble());
            Assert.Equal(parts["negative_elbo"], terms.Total.ToDouble(), 5);
        }
    }
}

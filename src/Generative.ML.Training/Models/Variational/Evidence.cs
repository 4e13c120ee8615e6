using System;
using Generative.ML.Training.Models;
using Generative.ML.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// Estimates of log p(x) for a trained VAE (any of the family), per row, in nats, computed in evaluation mode
    /// without gradients. Samples are drawn in chunks so memory stays at chunk x rows x features.
    /// </summary>
    internal static class Evidence
    {
        /// <summary>
        /// The importance-weighted estimate log (1/k) sum_k p(x, z_k) / q(z_k | x): a lower bound of log p(x) that
        /// tightens as k grows; k = 1000 is the usual evaluation setting. Float64 log-sum-exp over all k.
        /// </summary>
        public static double[] LogLikelihood(VariationalAutoencoder model, Tensor x, Tensor? condition = null, int samples = 1000,
                                             int samplesPerChunk = 100)
        {
            using var logW = AllLogWeights(model, x, condition, samples, samplesPerChunk);
            using var estimate = Objective.LogMeanExp(logW, 0);
            return estimate.data<double>().ToArray();
        }

        /// <summary>The ELBO per row, E_q[log p(x | z)] - KL(q || p(z)), by Monte Carlo over <paramref name="samples"/> draws.</summary>
        public static double[] Elbo(VariationalAutoencoder model, Tensor x, Tensor? condition = null, int samples = 100, int samplesPerChunk = 100)
        {
            using var logW = AllLogWeights(model, x, condition, samples, samplesPerChunk);
            using var mean = logW.mean(new[] { 0L });
            return mean.data<double>().ToArray();
        }

        static Tensor AllLogWeights(VariationalAutoencoder model, Tensor x, Tensor? condition, int samples, int samplesPerChunk)
        {
            if (samples <= 0) throw new ArgumentOutOfRangeException(nameof(samples), samples, "The number of samples must be positive.");
            if (samplesPerChunk <= 0)
                throw new ArgumentOutOfRangeException(nameof(samplesPerChunk), samplesPerChunk, "The chunk size must be positive.");
            var wasTraining = model.training;
            model.eval();
            try {
                using var _ = no_grad();
                var chunks = new Tensor[(samples + samplesPerChunk - 1) / samplesPerChunk];
                try {
                    for (var i = 0; i < chunks.Length; i++) {
                        var k = Math.Min(samplesPerChunk, samples - i * samplesPerChunk);
                        using var logW = model.LogImportanceWeights(x, condition, k);
                        chunks[i] = logW.to_type(ScalarType.Float64);
                    }
                    return cat(chunks, 0);
                } finally {
                    foreach (var c in chunks) c?.Dispose();
                }
            } finally {
                model.train(wasTraining);
            }
        }
    }
}

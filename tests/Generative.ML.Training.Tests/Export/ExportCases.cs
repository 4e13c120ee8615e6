using System;
using System.Collections.Generic;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using TorchSharp;

namespace Generative.ML.Training.Tests.Export
{
    /// <summary>
    /// Every model kind over both architectures, briefly trained so that weights and batch-norm statistics are no longer
    /// at their initial values. The MLP uses batch norm, dropout and GELU; the conv net batch norm and LeakyReLU, on a
    /// 5x7 image so that the transposed convolutions need per-axis output padding.
    /// </summary>
    internal static class ExportCases
    {
        public const int Features = 35, Latent = 3, Conditions = 2;

        public static IEnumerable<object[]> All()
        {
            foreach (var kind in new[] { "ae", "sparse", "denoising", "vae-gaussian", "vae-fixed", "vae-bernoulli", "cvae", "iwae", "vq", "rvq", "aae", "vaegan" })
                foreach (var architecture in new[] { "mlp", "conv" })
                    yield return new object[] { kind, architecture };
            yield return new object[] { "linear", "mlp" }; // the linear autoencoder's architecture is fixed
        }

        public static NetworkArchitecture Architecture(string name) => name switch {
            "mlp" => new MlpArchitecture { HiddenSizes = new long[] { 16, 8 }, BatchNorm = true, Dropout = 0.2, Activation = Activation.GELU },
            "conv" => new ConvArchitecture {
                Channels = 1, Height = 5, Width = 7, ConvChannels = new long[] { 4, 6 }, BatchNorm = true,
                Activation = Activation.LeakyReLU
            },
            _ => throw new ArgumentException(name),
        };

        public static GenerativeModel Trained(string kind, string architecture)
        {
            torch.manual_seed(11);
            var a = Architecture(architecture);
            GenerativeModel model = kind switch {
                "ae" => new Autoencoder(Features, Latent, a),
                "linear" => new LinearAutoencoder(Features, Latent),
                "sparse" => new SparseAutoencoder(Features, Latent, 0.01, a),
                "denoising" => new DenoisingAutoencoder(Features, Latent, 0.2, 0.05, a),
                "vae-gaussian" => new VariationalAutoencoder(Features, Latent, a, new VaeOptions { Likelihood = Likelihood.GaussianLearnedVariance }),
                "vae-fixed" => new VariationalAutoencoder(Features, Latent, a, new VaeOptions { Likelihood = Likelihood.GaussianFixedVariance, ObservationVariance = 0.05 }),
                "vae-bernoulli" => new VariationalAutoencoder(Features, Latent, a, new VaeOptions { Likelihood = Likelihood.Bernoulli }),
                "cvae" => new ConditionalVariationalAutoencoder(Features, Conditions, Latent, a),
                "iwae" => new ImportanceWeightedAutoencoder(Features, Latent, 3, a),
                "vq" => new VectorQuantizedAutoencoder(Features, Latent, codebookSize: 8, stages: 1, architecture: a),
                "rvq" => new VectorQuantizedAutoencoder(Features, Latent, codebookSize: 8, stages: 3, architecture: a),
                "aae" => new AdversarialAutoencoder(Features, Latent, architecture: a),
                "aae-mixture" => new AdversarialAutoencoder(Features, Latent, architecture: a, priorComponents: 6),
                "vaegan" => new VaeGan(Features, Latent, a, featureMatchingWeight: 0.1),
                "gan" => new GenerativeAdversarialNetwork(Features, Latent, a),
                _ => throw new ArgumentException(kind),
            };
            var data = Data(new Random(3), 200, model.ConditionSize);
            new Trainer(new TrainerOptions { Epochs = 2, BatchSize = 50, Seed = 1, Threads = 2, LearningRate = 1e-2 }).Fit(model, data);
            (model as VectorQuantizedAutoencoder)?.FitCodePrior(data);
            return model;
        }

        /// <summary>Rows in [0, 1] (valid for the Bernoulli likelihood too) with some structure to learn.</summary>
        public static TrainingData Data(Random r, int rows, long conditionSize)
        {
            var x = Rows(r, rows, Features);
            var c = conditionSize > 0 ? Rows(r, rows, (int)conditionSize) : null;
            return TrainingData.FromMatrix(x, Features, c, (int)conditionSize);
        }

        public static float[] Rows(Random r, int rows, int width)
        {
            var x = new float[rows * width];
            for (var n = 0; n < rows; n++) {
                var level = r.NextDouble();
                for (var i = 0; i < width; i++) x[n * width + i] = (float)Math.Clamp(level * (i % 5) / 4 + 0.2 * r.NextDouble(), 0, 1);
            }
            return x;
        }
    }
}

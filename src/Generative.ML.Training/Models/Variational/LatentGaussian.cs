using System;
using Generative.ML.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// A Gaussian N(Mean, C) fitted to codes, kept as its mean and a whitening matrix W (C = L L^T, W = L^-1), so that the
    /// squared Mahalanobis distance of a code c is ||W (c - Mean)||^2.
    /// </summary>
    internal sealed class LatentGaussian
    {
        LatentGaussian(float[] mean, float[] whitening)
        {
            Mean = mean;
            Whitening = whitening;
        }

        /// <summary>The codes' mean.</summary>
        public float[] Mean { get; }

        /// <summary>W, row-major [LatentSize, LatentSize], lower triangular.</summary>
        public float[] Whitening { get; }

        /// <summary>
        /// The mean and covariance of the model's deterministic codes of the rows, in double precision; a ridge of 1e-6
        /// of the mean variance keeps the covariance invertible when codes are collinear (a collapsed latent dimension).
        /// </summary>
        public static LatentGaussian Fit(EncodingModel model, TrainingData data)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            if (data is null) throw new ArgumentNullException(nameof(data));
            if (data.RowCount < 2) throw new ArgumentException("Fitting a Gaussian to codes needs at least two rows.", nameof(data));
            model.CheckTrainingData(data);
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var l = model.LatentSize;
            var sum = zeros(l, dtype: ScalarType.Float64);
            var outer = zeros(l, l, dtype: ScalarType.Float64);
            EvaluationPass.ForEachBlock(model, data, (_, x, c) => {
                var codes = model.Encode(x, c).to_type(ScalarType.Float64);
                sum.add_(codes.sum(new long[] { 0 }));
                outer.add_(codes.t().matmul(codes));
            });
            var n = data.RowCount;
            var mean = sum / n;
            var covariance = (outer - n * mean.outer(mean)) / (n - 1);
            var ridge = Math.Max(1e-6 * covariance.diagonal().mean().ToDouble(), 1e-12);
            covariance = covariance + ridge * eye(l, dtype: ScalarType.Float64);
            var cholesky = linalg.cholesky(covariance);
            var whitening = linalg.inv(cholesky);
            return new LatentGaussian(mean.to_type(ScalarType.Float32).data<float>().ToArray(),
                                      whitening.to_type(ScalarType.Float32).contiguous().data<float>().ToArray());
        }

        /// <summary>||W (c - Mean)||^2 per row of <paramref name="codes"/> [N, LatentSize].</summary>
        public Tensor SquaredDistance(Tensor codes)
        {
            using var scope = NewDisposeScope();
            var l = Mean.Length;
            var d = codes - tensor(Mean);
            var y = d.matmul(tensor(Whitening, l, l).t());
            return y.square().sum(1L).MoveToOuterDisposeScope();
        }
    }
}

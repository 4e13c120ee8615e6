using System;

namespace Generative.ML.Training.Onnx
{
    /// <summary>
    /// The objectives' formulas, each written once: Objectives/Objective evaluates them on tensors in training, and
    /// Onnx/GraphMath emits them into the scorer graph. "Per row" values are [batch], summed over the
    /// features in nats; "per feature" values are [batch, D].
    /// </summary>
    internal static class Formulas
    {
        static readonly double Log2Pi = Math.Log(2 * Math.PI);

        /// <summary>KL(N(mu, exp(logvar)) || N(0, I)) = 0.5 * sum(exp(logvar) + mu^2 - 1 - logvar), per row.</summary>
        public static Expr GaussianKl(Expr mu, Expr logvar) => 0.5 * (logvar.Exp() + mu.Square() - 1 - logvar).RowSum();

        /// <summary>-log N(x_i; mean_i, exp(logvar_i)) = 0.5 * ((x - mean)^2 exp(-logvar) + logvar + log 2pi), per feature.</summary>
        public static Expr GaussianNllPerFeature(Expr x, Expr mean, Expr logvar) => 0.5 * ((x - mean).Square() * (-logvar).Exp() + logvar + Log2Pi);

        /// <summary>log N(x; mean, diag(exp(logvar))), per row: minus the sum of <see cref="GaussianNllPerFeature"/>.</summary>
        public static Expr GaussianLogLikelihood(Expr x, Expr mean, Expr logvar) => -GaussianNllPerFeature(x, mean, logvar).RowSum();

        /// <summary>-log Bernoulli(x_i; sigmoid(logits_i)) = softplus(logits_i) - x_i logits_i, per feature; stable for any logits.</summary>
        public static Expr BernoulliNllPerFeature(Expr x, Expr logits) => logits.Softplus() - x * logits;

        /// <summary>log Bernoulli(x; sigmoid(logits)), per row: minus the sum of <see cref="BernoulliNllPerFeature"/>.</summary>
        public static Expr BernoulliLogLikelihood(Expr x, Expr logits) => -BernoulliNllPerFeature(x, logits).RowSum();

        /// <summary>mean((x - r)^2), per row: the reconstruction error.</summary>
        public static Expr MeanSquaredError(Expr x, Expr reconstruction) => (x - reconstruction).Square().RowMean();

        /// <summary>(x - r)^2 / D, per feature: the reconstruction error split over the row's D features.</summary>
        public static Expr SquaredErrorShares(Expr x, Expr reconstruction, long features) => (x - reconstruction).Square() / features;
    }
}

using System;

namespace Generative.ML.Training.Export
{
    /// <summary>
    /// The objectives and small pieces of network math as ONNX nodes, written in the same order of operations as their
    /// torch versions (Objectives/Objective.cs, Networks/), so exported scores match the trained model's to rounding.
    /// </summary>
    internal static class GraphMath
    {
        static readonly float Log2Pi = (float)Math.Log(2 * Math.PI);

        /// <summary>bound * tanh(v / bound).</summary>
        public static string SoftBound(OnnxGraphBuilder g, string v, double bound, string scope)
        {
            var b = g.Scalar($"{scope}/bound", (float)bound);
            return g.Node("Mul", scope, g.Node("Tanh", scope, g.Node("Div", scope, v, b)), b);
        }

        /// <summary>Columns [start, end) of a [batch, n] value.</summary>
        public static string Columns(OnnxGraphBuilder g, string v, long start, long end, string scope) =>
            g.Node("Slice", scope, v, g.Int64s($"{scope}/starts", new[] { start }), g.Int64s($"{scope}/ends", new[] { end }),
                   g.Int64s($"{scope}/axes", new[] { 1L }));

        /// <summary>Phi(v) = (1 + erf(v / sqrt 2)) / 2: a standard normal draw made uniform on (0, 1).</summary>
        public static string StandardNormalCdf(OnnxGraphBuilder g, string v, string scope) =>
            g.Node("Mul", scope, g.Node("Add", scope, g.Node("Erf", scope, g.Node("Mul", scope, v, g.Scalar($"{scope}/inv_sqrt2", (float)(1 / Math.Sqrt(2))))),
                                         g.Scalar($"{scope}/one", 1f)), g.Scalar($"{scope}/half", 0.5f));

        /// <summary>
        /// A category per row, [batch] int64, drawn by the first noise value n ~ N(0, 1): u = Phi(n) is uniform, and the
        /// category is how many of the cumulative shares (all but the last category's, ascending) u is past.
        /// </summary>
        public static string CategoryFromNoise(OnnxGraphBuilder g, string noise, float[] cumulativeShares, string scope)
        {
            var u = StandardNormalCdf(g, Columns(g, noise, 0, 1, scope), scope); // [batch, 1]
            var past = g.Node("Greater", scope, u, g.Weight($"{scope}/cumulative", cumulativeShares, new long[] { cumulativeShares.Length }));
            var asInt = g.Node("Cast", scope, new[] { past }, OnnxGraphBuilder.Int("to", (int)Onnx.TensorProto.Types.DataType.Int64));
            return g.Node("ReduceSum", scope, new[] { asInt, g.Int64s($"{scope}/axes", new[] { 1L }) }, OnnxGraphBuilder.Int("keepdims", 0));
        }

        /// <summary>[h, c] along the feature axis, or h alone when there is no condition.</summary>
        public static string Join(OnnxGraphBuilder g, string h, string? condition, string scope) =>
            condition is null ? h : g.Node("Concat", scope, new[] { h, condition }, OnnxGraphBuilder.Int("axis", 1));

        /// <summary>Sum over the feature axis: [batch, n] -> [batch].</summary>
        public static string RowSum(OnnxGraphBuilder g, string v, string scope) =>
            g.Node("ReduceSum", scope, new[] { v, g.Int64s($"{scope}/axes", new[] { 1L }) }, OnnxGraphBuilder.Int("keepdims", 0));

        /// <summary>Mean over the feature axis: [batch, n] -> [batch].</summary>
        public static string RowMean(OnnxGraphBuilder g, string v, string scope) =>
            g.Node("ReduceMean", scope, new[] { v }, OnnxGraphBuilder.Ints("axes", new[] { 1L }), OnnxGraphBuilder.Int("keepdims", 0));

        /// <summary>Per-row mean squared error between x and its reconstruction.</summary>
        public static string MeanSquaredError(OnnxGraphBuilder g, string x, string reconstruction, string scope)
        {
            var diff = g.Node("Sub", scope, x, reconstruction);
            return RowMean(g, g.Node("Mul", scope, diff, diff), scope);
        }

        /// <summary>KL(N(mu, exp(logvar)) || N(0, I)) = 0.5 * sum(exp(logvar) + mu^2 - logvar - 1), per row.</summary>
        public static string GaussianKl(OnnxGraphBuilder g, string mu, string logvar, string scope)
        {
            var variance = g.Node("Exp", scope, logvar);
            var muSquared = g.Node("Mul", scope, mu, mu);
            var a = g.Node("Add", scope, variance, muSquared);
            var b = g.Node("Sub", scope, a, logvar);
            var c = g.Node("Sub", scope, b, g.Scalar($"{scope}/one", 1));
            return g.Node("Mul", scope, RowSum(g, c, scope), g.Scalar($"{scope}/half", 0.5f));
        }

        /// <summary>log N(x; mean, diag(exp(logvar))) = -0.5 * sum((x - mean)^2 exp(-logvar) + logvar + log 2 pi), per row.</summary>
        public static string GaussianLogLikelihood(OnnxGraphBuilder g, string x, string mean, string logvar, string scope)
        {
            var diff = g.Node("Sub", scope, x, mean);
            var squared = g.Node("Mul", scope, diff, diff);
            var precision = g.Node("Exp", scope, g.Node("Neg", scope, logvar));
            var scaled = g.Node("Mul", scope, squared, precision);
            var withLogvar = g.Node("Add", scope, scaled, logvar);
            var perElement = g.Node("Add", scope, withLogvar, g.Scalar($"{scope}/log2pi", Log2Pi));
            return g.Node("Mul", scope, RowSum(g, perElement, scope), g.Scalar($"{scope}/minus_half", -0.5f));
        }

        /// <summary>log Bernoulli(x; sigmoid(logits)) = sum(x * logits - softplus(logits)), per row.</summary>
        public static string BernoulliLogLikelihood(OnnxGraphBuilder g, string x, string logits, string scope)
        {
            var xl = g.Node("Mul", scope, x, logits);
            var perElement = g.Node("Sub", scope, xl, g.Node("Softplus", scope, logits));
            return RowSum(g, perElement, scope);
        }

        /// <summary>(x - r)^2 / D per feature, [batch, D]: the row's mean squared error, split over its features.</summary>
        public static string SquaredErrorShares(OnnxGraphBuilder g, string x, string reconstruction, long features, string scope)
        {
            var diff = g.Node("Sub", scope, x, reconstruction);
            return g.Node("Div", scope, g.Node("Mul", scope, diff, diff), g.Scalar($"{scope}/features", features));
        }

        /// <summary>-log N(x_i; mean_i, exp(logvar_i)) per feature, [batch, D]: the reconstruction term of the negative ELBO, split.</summary>
        public static string GaussianNllPerFeature(OnnxGraphBuilder g, string x, string mean, string logvar, string scope)
        {
            var diff = g.Node("Sub", scope, x, mean);
            var scaled = g.Node("Mul", scope, g.Node("Mul", scope, diff, diff), g.Node("Exp", scope, g.Node("Neg", scope, logvar)));
            var perElement = g.Node("Add", scope, g.Node("Add", scope, scaled, logvar), g.Scalar($"{scope}/log2pi", Log2Pi));
            return g.Node("Mul", scope, perElement, g.Scalar($"{scope}/half", 0.5f));
        }

        /// <summary>-log Bernoulli(x_i; sigmoid(logits_i)) = softplus(logits_i) - x_i logits_i per feature, [batch, D].</summary>
        public static string BernoulliNllPerFeature(OnnxGraphBuilder g, string x, string logits, string scope) =>
            g.Node("Sub", scope, g.Node("Softplus", scope, logits), g.Node("Mul", scope, x, logits));
    }
}

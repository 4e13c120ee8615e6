using System;

namespace Generative.ML.Training.Onnx
{
    /// <summary>
    /// The objectives and small pieces of network math as ONNX nodes, written in the same order of operations as their
    /// torch versions (Objectives/Objective.cs, Networks/), so exported scores match the trained model's to rounding.
    /// </summary>
    internal static class GraphMath
    {
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
            var asInt = g.Node("Cast", scope, new[] { past }, OnnxGraphBuilder.Int("to", (int)global::Onnx.TensorProto.Types.DataType.Int64));
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

        // The objectives' formulas are written once, in Onnx/Formulas, and emitted here as the trainer evaluates them.

        /// <summary><see cref="Formulas.MeanSquaredError"/>, per row.</summary>
        public static string MeanSquaredError(OnnxGraphBuilder g, string x, string reconstruction, string scope) =>
            Formulas.MeanSquaredError(Expr.Of(g, x, scope), Expr.Of(g, reconstruction, scope)).Node;

        /// <summary><see cref="Formulas.GaussianKl"/>, per row.</summary>
        public static string GaussianKl(OnnxGraphBuilder g, string mu, string logvar, string scope) =>
            Formulas.GaussianKl(Expr.Of(g, mu, scope), Expr.Of(g, logvar, scope)).Node;

        /// <summary><see cref="Formulas.GaussianLogLikelihood"/>, per row.</summary>
        public static string GaussianLogLikelihood(OnnxGraphBuilder g, string x, string mean, string logvar, string scope) =>
            Formulas.GaussianLogLikelihood(Expr.Of(g, x, scope), Expr.Of(g, mean, scope), Expr.Of(g, logvar, scope)).Node;

        /// <summary><see cref="Formulas.BernoulliLogLikelihood"/>, per row.</summary>
        public static string BernoulliLogLikelihood(OnnxGraphBuilder g, string x, string logits, string scope) =>
            Formulas.BernoulliLogLikelihood(Expr.Of(g, x, scope), Expr.Of(g, logits, scope)).Node;

        /// <summary><see cref="Formulas.SquaredErrorShares"/>, [batch, D].</summary>
        public static string SquaredErrorShares(OnnxGraphBuilder g, string x, string reconstruction, long features, string scope) =>
            Formulas.SquaredErrorShares(Expr.Of(g, x, scope), Expr.Of(g, reconstruction, scope), features).Node;

        /// <summary><see cref="Formulas.GaussianNllPerFeature"/>, [batch, D].</summary>
        public static string GaussianNllPerFeature(OnnxGraphBuilder g, string x, string mean, string logvar, string scope) =>
            Formulas.GaussianNllPerFeature(Expr.Of(g, x, scope), Expr.Of(g, mean, scope), Expr.Of(g, logvar, scope)).Node;

        /// <summary><see cref="Formulas.BernoulliNllPerFeature"/>, [batch, D].</summary>
        public static string BernoulliNllPerFeature(OnnxGraphBuilder g, string x, string logits, string scope) =>
            Formulas.BernoulliNllPerFeature(Expr.Of(g, x, scope), Expr.Of(g, logits, scope)).Node;
    }
}

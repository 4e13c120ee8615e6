using System;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            public enum Reduction : long
            {
                None = 0,
                Mean = 1,
                Sum = 2,
            }

            public enum PaddingModes
            {
                Zeros = 0,
            }

            /// <summary>Stateless versions of the layers and losses.</summary>
            public static partial class functional
            {
                static Tensor InPlaceOr(Tensor x, bool inplace, Func<Tensor> compute)
                {
                    if (!inplace) return compute();
                    using var result = compute();
                    x.copy_(result);
                    return x;
                }

                public static Tensor relu(Tensor x, bool inplace = false) => inplace ? x.relu_() : x.relu();
                public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01, bool inplace = false) =>
                    InPlaceOr(input, inplace, () => Tensor.From(gml_leaky_relu(input.NativeHandle, negative_slope, out var r), r));
                public static Tensor gelu(Tensor x) => x.Apply(Native.GmlUnary.Gelu);
                public static Tensor tanh(Tensor x) => x.tanh();
                public static Tensor sigmoid(Tensor x) => x.sigmoid();
                public static Tensor logsigmoid(Tensor x) => x.Apply(Native.GmlUnary.LogSigmoid);
                public static Tensor softplus(Tensor x, double beta = 1, double threshold = 20) =>
                    Tensor.From(gml_softplus(x.NativeHandle, beta, threshold, out var r), r);
                public static Tensor softmax(Tensor input, long dim) => input.softmax(dim);
                public static Tensor log_softmax(Tensor input, long dim) => input.log_softmax(dim);

                public static Tensor linear(Tensor input, Tensor weights, Tensor? bias = null) =>
                    Tensor.From(gml_linear(input.NativeHandle, weights.NativeHandle, bias?.NativeHandle ?? NoTensor, out var r), r);

                static long[] Pair(long[]? v, long fallback, string name)
                {
                    if (v is null) return new[] { fallback, fallback };
                    return v.Length switch {
                        1 => new[] { v[0], v[0] },
                        2 => v,
                        _ => throw new ArgumentException($"{name} takes one or two values, got {v.Length}.", name),
                    };
                }

                public static unsafe Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? strides = null,
                                                   long[]? padding = null, long[]? dilation = null, long groups = 1)
                {
                    var s = Pair(strides, 1, nameof(strides));
                    var p = Pair(padding, 0, nameof(padding));
                    var d = Pair(dilation, 1, nameof(dilation));
                    fixed (long* ps = s, pp = p, pd = d)
                        return Tensor.From(gml_conv2d(input.NativeHandle, weight.NativeHandle, bias?.NativeHandle ?? NoTensor, ps, pp, pd, groups, out var r), r);
                }

                public static unsafe Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? strides = null,
                                                             long[]? padding = null, long[]? output_padding = null, long[]? dilation = null,
                                                             long groups = 1)
                {
                    var s = Pair(strides, 1, nameof(strides));
                    var p = Pair(padding, 0, nameof(padding));
                    var o = Pair(output_padding, 0, nameof(output_padding));
                    var d = Pair(dilation, 1, nameof(dilation));
                    fixed (long* ps = s, pp = p, po = o, pd = d)
                        return Tensor.From(gml_conv_transpose2d(input.NativeHandle, weight.NativeHandle, bias?.NativeHandle ?? NoTensor,
                                                                ps, pp, po, pd, groups, out var r), r);
                }

                public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null,
                                                Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5) =>
                    Tensor.From(gml_batch_norm(input.NativeHandle, weight?.NativeHandle ?? NoTensor, bias?.NativeHandle ?? NoTensor,
                                               running_mean?.NativeHandle ?? NoTensor, running_var?.NativeHandle ?? NoTensor,
                                               training ? 1 : 0, momentum, eps, out var r), r);

                public static Tensor dropout(Tensor input, double p = 0.5, bool training = true, bool inplace = false)
                {
                    if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1].");
                    var status = gml_dropout(input.NativeHandle, p, training ? 1 : 0, inplace ? 1 : 0, out var r);
                    if (!inplace) return Tensor.From(status, r);
                    Check(status);
                    return input;
                }

                public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                    Tensor.From(gml_mse_loss(input.NativeHandle, target.NativeHandle, (int)reduction, out var r), r);

                public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null,
                                                                      Reduction reduction = Reduction.Mean, Tensor? pos_weights = null) =>
                    Tensor.From(gml_bce_with_logits(input.NativeHandle, target.NativeHandle, weight?.NativeHandle ?? NoTensor,
                                                    pos_weights?.NativeHandle ?? NoTensor, (int)reduction, out var r), r);

                public static Tensor one_hot(Tensor x, long num_classes = -1) =>
                    Tensor.From(gml_one_hot(x.NativeHandle, num_classes, out var r), r);
            }
        }
    }
}

using System;
using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            internal Tensor Apply(GmlUnary op) => From(gml_unary((int)op, NativeHandle, out var r), r);

            internal Tensor ApplyInPlace(GmlUnary op)
            {
                Check(gml_unary_((int)op, NativeHandle));
                return this;
            }

            internal Tensor Apply(GmlBinary op, Tensor other) => From(gml_binary((int)op, NativeHandle, other.NativeHandle, out var r), r);
            internal Tensor Apply(GmlBinary op, Scalar other) => From(gml_binary_scalar((int)op, NativeHandle, other.Value, out var r), r);

            internal Tensor ApplyInPlace(GmlBinary op, Tensor other)
            {
                Check(gml_binary_((int)op, NativeHandle, other.NativeHandle));
                return this;
            }

            internal Tensor ApplyInPlace(GmlBinary op, Scalar other)
            {
                Check(gml_binary_scalar_((int)op, NativeHandle, other.Value));
                return this;
            }

            static Tensor ScalarLeft(GmlBinary op, Scalar left, Tensor right) =>
                From(gml_scalar_binary((int)op, left.Value, right.NativeHandle, out var r), r);

            // ---- arithmetic ----
            public Tensor add(Tensor target) => Apply(GmlBinary.Add, target);
            public Tensor add(Tensor target, Scalar alpha) => From(gml_add_alpha(NativeHandle, target.NativeHandle, alpha.Value, 0, out var r), r);
            public Tensor add(Scalar scalar) => Apply(GmlBinary.Add, scalar);
            public Tensor add_(Tensor target) => ApplyInPlace(GmlBinary.Add, target);

            public Tensor add_(Tensor target, Scalar alpha)
            {
                Check(gml_add_alpha(NativeHandle, target.NativeHandle, alpha.Value, 1, out _));
                return this;
            }

            public Tensor add_(Scalar scalar) => ApplyInPlace(GmlBinary.Add, scalar);
            public Tensor sub(Tensor target) => Apply(GmlBinary.Sub, target);
            public Tensor sub(Scalar target) => Apply(GmlBinary.Sub, target);
            public Tensor sub_(Tensor target) => ApplyInPlace(GmlBinary.Sub, target);
            public Tensor sub_(Scalar target) => ApplyInPlace(GmlBinary.Sub, target);
            public Tensor mul(Tensor target) => Apply(GmlBinary.Mul, target);
            public Tensor mul(Scalar target) => Apply(GmlBinary.Mul, target);
            public Tensor mul_(Tensor target) => ApplyInPlace(GmlBinary.Mul, target);
            public Tensor mul_(Scalar target) => ApplyInPlace(GmlBinary.Mul, target);
            public Tensor div(Tensor target) => Apply(GmlBinary.Div, target);
            public Tensor div(Scalar target) => Apply(GmlBinary.Div, target);
            public Tensor div_(Tensor target) => ApplyInPlace(GmlBinary.Div, target);
            public Tensor div_(Scalar target) => ApplyInPlace(GmlBinary.Div, target);
            public Tensor pow(Tensor exponent) => Apply(GmlBinary.Pow, exponent);
            public Tensor pow(Scalar exponent) => Apply(GmlBinary.Pow, exponent);
            public Tensor pow_(Scalar exponent) => ApplyInPlace(GmlBinary.Pow, exponent);
            public Tensor remainder(Scalar divisor) => Apply(GmlBinary.Remainder, divisor);
            public Tensor maximum(Tensor other) => Apply(GmlBinary.Maximum, other);
            public Tensor minimum(Tensor other) => Apply(GmlBinary.Minimum, other);

            public Tensor addcmul(Tensor tensor1, Tensor tensor2, Scalar value) =>
                From(gml_addcmul(NativeHandle, tensor1.NativeHandle, tensor2.NativeHandle, value.Value, 0, out var r), r);

            public Tensor addcmul_(Tensor tensor1, Tensor tensor2, Scalar value)
            {
                Check(gml_addcmul(NativeHandle, tensor1.NativeHandle, tensor2.NativeHandle, value.Value, 1, out _));
                return this;
            }

            public Tensor addcdiv(Tensor tensor1, Tensor tensor2, Scalar value) =>
                From(gml_addcdiv(NativeHandle, tensor1.NativeHandle, tensor2.NativeHandle, value.Value, 0, out var r), r);

            public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, Scalar value)
            {
                Check(gml_addcdiv(NativeHandle, tensor1.NativeHandle, tensor2.NativeHandle, value.Value, 1, out _));
                return this;
            }

            // ---- element-wise functions ----
            public Tensor neg() => Apply(GmlUnary.Neg);
            public Tensor neg_() => ApplyInPlace(GmlUnary.Neg);
            public Tensor exp() => Apply(GmlUnary.Exp);
            public Tensor exp_() => ApplyInPlace(GmlUnary.Exp);
            public Tensor log() => Apply(GmlUnary.Log);
            public Tensor log_() => ApplyInPlace(GmlUnary.Log);
            public Tensor log1p() => Apply(GmlUnary.Log1p);
            public Tensor expm1() => Apply(GmlUnary.Expm1);
            public Tensor sqrt() => Apply(GmlUnary.Sqrt);
            public Tensor sqrt_() => ApplyInPlace(GmlUnary.Sqrt);
            public Tensor rsqrt() => Apply(GmlUnary.Rsqrt);
            public Tensor abs() => Apply(GmlUnary.Abs);
            public Tensor abs_() => ApplyInPlace(GmlUnary.Abs);
            public Tensor square() => Apply(GmlUnary.Square);
            public Tensor sign() => Apply(GmlUnary.Sign);
            public Tensor sin() => Apply(GmlUnary.Sin);
            public Tensor cos() => Apply(GmlUnary.Cos);
            public Tensor erf() => Apply(GmlUnary.Erf);
            public Tensor floor() => Apply(GmlUnary.Floor);
            public Tensor ceil() => Apply(GmlUnary.Ceil);
            public Tensor round() => Apply(GmlUnary.Round);
            public Tensor reciprocal() => Apply(GmlUnary.Reciprocal);
            public Tensor relu() => Apply(GmlUnary.Relu);
            public Tensor relu_() => ApplyInPlace(GmlUnary.Relu);
            public Tensor sigmoid() => Apply(GmlUnary.Sigmoid);
            public Tensor sigmoid_() => ApplyInPlace(GmlUnary.Sigmoid);
            public Tensor tanh() => Apply(GmlUnary.Tanh);
            public Tensor tanh_() => ApplyInPlace(GmlUnary.Tanh);
            public Tensor isnan() => Apply(GmlUnary.IsNan);
            public Tensor isinf() => Apply(GmlUnary.IsInf);
            public Tensor isfinite() => Apply(GmlUnary.IsFinite);
            public Tensor logical_not() => Apply(GmlUnary.LogicalNot);
            public Tensor logical_and(Tensor other) => Apply(GmlBinary.LogicalAnd, other);
            public Tensor logical_or(Tensor other) => Apply(GmlBinary.LogicalOr, other);

            public Tensor softmax(long dim) => From(gml_softmax(NativeHandle, dim, 0, out var r), r);
            public Tensor log_softmax(long dim) => From(gml_softmax(NativeHandle, dim, 1, out var r), r);

            public Tensor clamp(Scalar? min = null, Scalar? max = null) => Clamp(min, max, inplace: false);

            public Tensor clamp_(Scalar? min = null, Scalar? max = null)
            {
                Clamp(min, max, inplace: true);
                return this;
            }

            public Tensor clamp_min(Scalar min) => Clamp(min, null, inplace: false);
            public Tensor clamp_max(Scalar max) => Clamp(null, max, inplace: false);

            Tensor Clamp(Scalar? min, Scalar? max, bool inplace)
            {
                if (min is null && max is null) throw new ArgumentException("clamp needs at least one of min and max.");
                var status = gml_clamp(NativeHandle, min is null ? 0 : 1, min?.Value ?? 0, max is null ? 0 : 1, max?.Value ?? 0,
                                       inplace ? 1 : 0, out var r);
                if (inplace) {
                    Check(status);
                    return this;
                }
                return From(status, r);
            }

            // ---- comparisons ----
            public Tensor eq(Tensor target) => Apply(GmlBinary.Eq, target);
            public Tensor eq(Scalar target) => Apply(GmlBinary.Eq, target);
            public Tensor ne(Tensor target) => Apply(GmlBinary.Ne, target);
            public Tensor ne(Scalar target) => Apply(GmlBinary.Ne, target);
            public Tensor lt(Tensor target) => Apply(GmlBinary.Lt, target);
            public Tensor lt(Scalar target) => Apply(GmlBinary.Lt, target);
            public Tensor le(Tensor target) => Apply(GmlBinary.Le, target);
            public Tensor le(Scalar target) => Apply(GmlBinary.Le, target);
            public Tensor gt(Tensor target) => Apply(GmlBinary.Gt, target);
            public Tensor gt(Scalar target) => Apply(GmlBinary.Gt, target);
            public Tensor ge(Tensor target) => Apply(GmlBinary.Ge, target);
            public Tensor ge(Scalar target) => Apply(GmlBinary.Ge, target);

            public bool allclose(Tensor target, double rtol = 1e-05, double atol = 1e-08)
            {
                Check(gml_allclose(NativeHandle, target.NativeHandle, rtol, atol, out var r));
                return r != 0;
            }

            // ---- random fills ----
            public Tensor uniform_(double from = 0, double to = 1, Generator? generator = null)
            {
                Check(gml_uniform_(NativeHandle, from, to, GenHandle(generator)));
                return this;
            }

            public Tensor normal_(double mean = 0, double std = 1, Generator? generator = null)
            {
                Check(gml_normal_(NativeHandle, mean, std, GenHandle(generator)));
                return this;
            }

            // ---- operators ----
            public static Tensor operator +(Tensor left, Tensor right) => left.add(right);
            public static Tensor operator +(Tensor left, Scalar right) => left.add(right);
            public static Tensor operator +(Scalar left, Tensor right) => right.add(left);
            public static Tensor operator -(Tensor left, Tensor right) => left.sub(right);
            public static Tensor operator -(Tensor left, Scalar right) => left.sub(right);
            public static Tensor operator -(Scalar left, Tensor right) => ScalarLeft(GmlBinary.Sub, left, right);
            public static Tensor operator *(Tensor left, Tensor right) => left.mul(right);
            public static Tensor operator *(Tensor left, Scalar right) => left.mul(right);
            public static Tensor operator *(Scalar left, Tensor right) => right.mul(left);
            public static Tensor operator /(Tensor left, Tensor right) => left.div(right);
            public static Tensor operator /(Tensor left, Scalar right) => left.div(right);
            public static Tensor operator /(Scalar left, Tensor right) => ScalarLeft(GmlBinary.Div, left, right);
            public static Tensor operator %(Tensor left, Scalar right) => left.remainder(right);
            public static Tensor operator -(Tensor tensor) => tensor.neg();
        }
    }
}

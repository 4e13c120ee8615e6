namespace TorchSharp.Native
{
    // Mirrors the op-code enums of native/include/gml_torch.h (same order, same numbers).
    internal enum GmlUnary
    {
        Neg, Exp, Log, Sqrt, Abs, Relu, Sigmoid, Tanh, Square, Rsqrt, Sign, Log1p, Expm1, Sin, Cos, Gelu, GeluTanh, Floor,
        Ceil, Round, Reciprocal, IsNan, IsInf, IsFinite, LogicalNot, Zero, LogSigmoid, Erf,
    }

    internal enum GmlBinary
    {
        Add, Sub, Mul, Div, Pow, Maximum, Minimum, Eq, Ne, Lt, Le, Gt, Ge, Atan2, Remainder, LogicalAnd, LogicalOr,
    }

    internal enum GmlReduce
    {
        Sum, Mean, Amax, Amin, Prod, Var, Std, LogSumExp, Norm2, Any, All,
    }
}

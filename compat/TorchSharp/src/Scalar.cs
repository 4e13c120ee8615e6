using System;

namespace TorchSharp
{
    /// <summary>A number passed to tensor operations; converts implicitly from .NET's numeric types.</summary>
    public sealed class Scalar : IDisposable
    {
        internal readonly double Value;
        internal Scalar(double value) => Value = value;

        public static implicit operator Scalar(byte value) => new Scalar(value);
        public static implicit operator Scalar(sbyte value) => new Scalar(value);
        public static implicit operator Scalar(short value) => new Scalar(value);
        public static implicit operator Scalar(int value) => new Scalar(value);
        public static implicit operator Scalar(long value) => new Scalar(value);
        public static implicit operator Scalar(float value) => new Scalar(value);
        public static implicit operator Scalar(double value) => new Scalar(value);
        public static implicit operator Scalar(bool value) => new Scalar(value ? 1 : 0);

        public double ToDouble() => Value;
        public float ToSingle() => (float)Value;
        public long ToInt64() => (long)Value;
        public int ToInt32() => (int)Value;
        public bool ToBoolean() => Value != 0;

        /// <summary>Holds no native memory in this stand-in; kept disposable because TorchSharp's Scalar is.</summary>
        public void Dispose() { }

        public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

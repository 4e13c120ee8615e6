using System;
using System.Collections.Generic;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Microsoft.ML.OnnxRuntime
{
    /// <summary>A named input or output value; the stand-in holds tensors.</summary>
    public class NamedOnnxValue
    {
        protected NamedOnnxValue(string name, object value, OnnxValueType valueType)
        {
            Name = name;
            Value = value;
            ValueType = valueType;
        }

        public string Name { get; set; }
        public object Value { get; set; }
        public OnnxValueType ValueType { get; }

        public static NamedOnnxValue CreateFromTensor<T>(string name, Tensor<T> value) =>
            new(name ?? throw new ArgumentNullException(nameof(name)), value ?? throw new ArgumentNullException(nameof(value)),
                OnnxValueType.ONNX_TYPE_TENSOR);

        /// <summary>The value as a tensor of T, or null when it holds something else.</summary>
        public Tensor<T>? AsTensor<T>() => Value as Tensor<T>;

        /// <summary>The tensor's values in row-major order, or null when it holds something else.</summary>
        public IEnumerable<T>? AsEnumerable<T>() => Value as IEnumerable<T>;
    }

    /// <summary>A Run output that owns what it holds.</summary>
    public class DisposableNamedOnnxValue : NamedOnnxValue, IDisposable
    {
        internal DisposableNamedOnnxValue(string name, object value) : base(name, value, OnnxValueType.ONNX_TYPE_TENSOR) { }

        // The stand-in copies outputs into managed tensors, so there is nothing native left to free here.
        public void Dispose() => GC.SuppressFinalize(this);
    }
}

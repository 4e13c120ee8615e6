using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace Microsoft.ML.Transforms.Onnx
{
    /// <summary>
    /// One graph input or output as ML.NET sees it: its element type and its shape after ML.NET's rules: a scalar []
    /// becomes [1]; an unknown first (batch) dimension becomes 1, since ML.NET runs one row per call; any other unknown
    /// dimension stays unknown (0), and an input may have at most one of those.
    /// </summary>
    internal sealed class OnnxShape
    {
        private OnnxShape(string name, PrimitiveDataViewType itemType, Type rawType, int[] dimensions)
        {
            Name = name;
            ItemType = itemType;
            RawType = rawType;
            Dimensions = dimensions;
        }

        public string Name { get; }
        public PrimitiveDataViewType ItemType { get; }
        public Type RawType { get; }

        /// <summary>The shape used for one row; 0 marks a dimension known only from the data.</summary>
        public int[] Dimensions { get; }

        public int UnknownCount => Dimensions.Count(d => d == 0);

        /// <summary>The product of the known dimensions.</summary>
        public int KnownSize => Dimensions.Where(d => d > 0).Aggregate(1, (a, b) => checked(a * b));

        /// <summary>The column type: always a vector, as in ML.NET, with the rule-applied dimensions.</summary>
        public VectorDataViewType ColumnType => new VectorDataViewType(ItemType, Dimensions);

        public static OnnxShape Of(string name, NodeMetadata node, IDictionary<string, int[]> shapeDictionary)
        {
            if (!node.IsTensor)
                throw new NotSupportedException($"ONNX node '{name}' is not a tensor ({node.OnnxValueType}); only tensors are supported.");
            var (item, raw) = ItemTypeOf(name, node.ElementType);
            int[] dims = shapeDictionary != null && shapeDictionary.TryGetValue(name, out var given) ? given.ToArray() : node.Dimensions.ToArray();
            if (dims.Length == 0)
                dims = new[] { 1 };
            if (dims[0] < 0)
                dims[0] = 1;
            for (int i = 0; i < dims.Length; i++)
                if (dims[i] < 0)
                    dims[i] = 0;
            return new OnnxShape(name, item, raw, dims);
        }

        private static (PrimitiveDataViewType, Type) ItemTypeOf(string name, Type elementType)
        {
            if (elementType == typeof(float)) return (NumberDataViewType.Single, typeof(float));
            if (elementType == typeof(double)) return (NumberDataViewType.Double, typeof(double));
            if (elementType == typeof(int)) return (NumberDataViewType.Int32, typeof(int));
            if (elementType == typeof(long)) return (NumberDataViewType.Int64, typeof(long));
            if (elementType == typeof(bool)) return (BooleanDataViewType.Instance, typeof(bool));
            throw new NotSupportedException($"ONNX node '{name}' has element type {elementType.Name}, which this OnnxTransformer does not support.");
        }

        /// <summary>The shape of one row holding <paramref name="length"/> values, the unknown dimension inferred.</summary>
        public long[] ShapeFor(int length)
        {
            int known = KnownSize;
            if (UnknownCount == 0)
            {
                if (length != known)
                    throw new InvalidOperationException($"Input shape mismatch: Input '{Name}' has shape {string.Join(",", Dimensions)}, but input data is of length {length}.");
                return Dimensions.Select(d => (long)d).ToArray();
            }
            if (known == 0 || length % known != 0)
                throw new InvalidOperationException($"Input shape mismatch: Input '{Name}' has shape {string.Join(",", Dimensions.Select(d => d == 0 ? "?" : d.ToString()))}, but input data is of length {length}.");
            return Dimensions.Select(d => d == 0 ? (long)(length / known) : d).ToArray();
        }
    }
}

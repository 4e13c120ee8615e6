using System.Collections.Generic;
using System.Linq;
using Google.Protobuf;
using Onnx;

namespace Microsoft.ML.Tests.Support
{
    /// <summary>Small ONNX graphs with the output shapes ML.NET's shape rules are about, and their math in managed code.</summary>
    internal static class Graphs
    {
        public const int Width = 6;
        public const int Wide = 64;

        /// <summary>
        /// x [batch, 6] -> wide [batch, 64] = x W (W[i, j] = (i + 1) / (j + 1)); sum [batch] = row sums;
        /// sum1 [batch, 1] the same kept 2-D; positive [batch] (bool) = sum &gt; 0.
        /// </summary>
        public static byte[] Shapes()
        {
            var g = new GraphProto { Name = "shapes" };
            g.Input.Add(Value("x", TensorProto.Types.DataType.Float, Batch(), Dim(Width)));
            g.Output.Add(Value("wide", TensorProto.Types.DataType.Float, Batch(), Dim(Wide)));
            g.Output.Add(Value("sum", TensorProto.Types.DataType.Float, Batch()));
            g.Output.Add(Value("sum1", TensorProto.Types.DataType.Float, Batch(), Dim(1)));
            g.Output.Add(Value("positive", TensorProto.Types.DataType.Bool, Batch()));
            g.Initializer.Add(Floats("W", Weights(), Width, Wide));
            g.Initializer.Add(Longs("axes", new long[] { 1 }, 1));
            g.Initializer.Add(Floats("zero", new float[] { 0 }));
            g.Node.Add(Node("MatMul", new[] { "x", "W" }, "wide"));
            g.Node.Add(Node("ReduceSum", new[] { "x", "axes" }, "sum", ("keepdims", 0)));
            g.Node.Add(Node("ReduceSum", new[] { "x", "axes" }, "sum1", ("keepdims", 1)));
            g.Node.Add(Node("Greater", new[] { "sum", "zero" }, "positive"));
            return Model(g);
        }

        public static float[] Weights()
            => Enumerable.Range(0, Width * Wide).Select(k => (k / Wide + 1f) / (k % Wide + 1f)).ToArray();

        public static float[] WideExpected(float[] x)
        {
            var w = Weights();
            return Enumerable.Range(0, Wide).Select(j => Enumerable.Range(0, Width).Sum(i => x[i] * w[i * Wide + j])).ToArray();
        }

        /// <summary>s [] (a scalar) -> twice [] = 2 s.</summary>
        public static byte[] Scalar()
        {
            var g = new GraphProto { Name = "scalar" };
            g.Input.Add(Value("s", TensorProto.Types.DataType.Float));
            g.Output.Add(Value("twice", TensorProto.Types.DataType.Float));
            g.Initializer.Add(Floats("two", new float[] { 2 }));
            g.Node.Add(Node("Mul", new[] { "s", "two" }, "twice"));
            return Model(g);
        }

        /// <summary>v [batch, n] with n free -> doubled [batch, n] = 2 v.</summary>
        public static byte[] FreeWidth()
        {
            var g = new GraphProto { Name = "free" };
            g.Input.Add(Value("v", TensorProto.Types.DataType.Float, Batch(), Symbol("n")));
            g.Output.Add(Value("doubled", TensorProto.Types.DataType.Float, Batch(), Symbol("n")));
            g.Initializer.Add(Floats("two", new float[] { 2 }));
            g.Node.Add(Node("Mul", new[] { "v", "two" }, "doubled"));
            return Model(g);
        }

        private static TensorShapeProto.Types.Dimension Batch() => Symbol("batch");
        private static TensorShapeProto.Types.Dimension Symbol(string name) => new() { DimParam = name };
        private static TensorShapeProto.Types.Dimension Dim(long size) => new() { DimValue = size };

        private static byte[] Model(GraphProto graph)
        {
            var model = new ModelProto { IrVersion = 8, ProducerName = "tests", Graph = graph };
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
            return model.ToByteArray();
        }

        private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, params TensorShapeProto.Types.Dimension[] dims)
        {
            var shape = new TensorShapeProto();
            shape.Dim.Add(dims);
            return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
        }

        private static TensorProto Floats(string name, float[] values, params long[] dims)
        {
            var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
            t.Dims.Add(dims);
            t.FloatData.Add(values);
            return t;
        }

        private static TensorProto Longs(string name, long[] values, params long[] dims)
        {
            var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
            t.Dims.Add(dims);
            t.Int64Data.Add(values);
            return t;
        }

        private static NodeProto Node(string op, string[] inputs, string output, params (string Name, long Value)[] attributes)
        {
            var n = new NodeProto { OpType = op, Name = output };
            n.Input.Add(inputs);
            n.Output.Add(output);
            foreach (var (name, value) in attributes)
                n.Attribute.Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });
            return n;
        }
    }
}

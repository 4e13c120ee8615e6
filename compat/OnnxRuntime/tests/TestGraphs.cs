using System.Collections.Generic;
using System.Linq;
using Google.Protobuf;
using Onnx;

namespace Microsoft.ML.OnnxRuntime.Tests
{
    /// <summary>Small ONNX models written here, so that the runtime's behaviour is checked against known math.</summary>
    internal static class TestGraphs
    {
        public const int Width = 4;

        /// <summary>y = 2 x + b with b = [0, 1, 2, 3]; big = y > 5 (bool). x is [batch, 4].</summary>
        public static byte[] Affine(IDictionary<string, string>? metadata = null)
        {
            var graph = new GraphProto { Name = "affine" };
            graph.Input.Add(Value("x", TensorProto.Types.DataType.Float, "batch", Width));
            graph.Output.Add(Value("y", TensorProto.Types.DataType.Float, "batch", Width));
            graph.Output.Add(Value("big", TensorProto.Types.DataType.Bool, "batch", Width));
            graph.Initializer.Add(Floats("two", new float[] { 2 }));
            graph.Initializer.Add(Floats("b", Enumerable.Range(0, Width).Select(i => (float)i).ToArray(), Width));
            graph.Initializer.Add(Floats("five", new float[] { 5 }));
            graph.Node.Add(Node("Mul", new[] { "x", "two" }, "twice"));
            graph.Node.Add(Node("Add", new[] { "twice", "b" }, "y"));
            graph.Node.Add(Node("Greater", new[] { "y", "five" }, "big"));
            var model = new ModelProto { IrVersion = 8, ProducerName = "tests", Graph = graph };
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
            foreach (var (k, v) in metadata ?? new Dictionary<string, string>()) model.MetadataProps.Add(new StringStringEntryProto { Key = k, Value = v });
            return model.ToByteArray();
        }

        /// <summary>What <see cref="Affine"/> computes, in managed code.</summary>
        public static float[] AffineExpected(float[] x) => x.Select((v, i) => 2 * v + i % Width).ToArray();

        static ValueInfoProto Value(string name, TensorProto.Types.DataType type, string batch, long width)
        {
            var shape = new TensorShapeProto();
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batch });
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
            return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
        }

        static TensorProto Floats(string name, float[] values, params long[] dims)
        {
            var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
            t.Dims.Add(dims);
            t.FloatData.Add(values);
            return t;
        }

        static NodeProto Node(string op, string[] inputs, string output)
        {
            var n = new NodeProto { OpType = op, Name = output };
            n.Input.Add(inputs);
            n.Output.Add(output);
            return n;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Onnx
{
    /// <summary>
    /// Builds one ONNX graph: inputs with a free batch dimension, nodes, weights as initializers, named outputs.
    /// Value names are unique and read like the module path they come from ("encoder/body/0/Gemm").
    /// </summary>
    internal sealed class OnnxGraphBuilder
    {
        public const string BatchDimension = "batch";
        const int FloatType = (int)TensorProto.Types.DataType.Float;

        readonly GraphProto _graph;
        readonly HashSet<string> _names = new();

        public OnnxGraphBuilder(string graphName) => _graph = new GraphProto { Name = graphName };

        public GraphProto Graph => _graph;

        /// <summary>
        /// Renames graph inputs and outputs (old name -> new name) wherever they appear. A new name that already names
        /// another value of the graph is refused, naming both.
        /// </summary>
        public void Rename(IReadOnlyDictionary<string, string> names)
        {
            var graphNames = _graph.Input.Select(i => i.Name).Concat(_graph.Output.Select(o => o.Name)).ToHashSet();
            var renames = names.Where(kv => graphNames.Contains(kv.Key) && kv.Key != kv.Value).ToDictionary(kv => kv.Key, kv => kv.Value);
            if (renames.Count == 0) return;
            var used = _names.Concat(_graph.Node.SelectMany(n => n.Output)).Concat(_graph.Initializer.Select(i => i.Name)).ToHashSet();
            foreach (var (from, to) in renames)
                if (string.IsNullOrEmpty(to) || (used.Contains(to) && !renames.ContainsKey(to)))
                    throw new ArgumentException($"The ONNX {_graph.Name} graph cannot call its '{from}' '{to}': the graph uses that name already.", nameof(names));
            string Map(string name) => renames.TryGetValue(name, out var to) ? to : name;
            foreach (var v in _graph.Input.Concat(_graph.Output)) v.Name = Map(v.Name);
            foreach (var node in _graph.Node) {
                for (var i = 0; i < node.Input.Count; i++) node.Input[i] = Map(node.Input[i]);
                for (var i = 0; i < node.Output.Count; i++) node.Output[i] = Map(node.Output[i]);
            }
        }

        /// <summary>A float input of shape [batch, width].</summary>
        public string Input(string name, long width)
        {
            Reserve(name);
            _graph.Input.Add(ValueInfo(name, FloatType, new object[] { BatchDimension, width }));
            return name;
        }

        /// <summary>Publishes <paramref name="value"/> as graph output <paramref name="name"/> ([batch] or [batch, width]).</summary>
        public void Output(string name, string value, TensorProto.Types.DataType type, long? width)
        {
            if (value != name) {
                Reserve(name);
                _graph.Node.Add(new NodeProto { OpType = "Identity", Name = name + "/Identity", Input = { value }, Output = { name } });
            }
            var dims = width is null ? new object[] { BatchDimension } : new object[] { BatchDimension, width.Value };
            _graph.Output.Add(ValueInfo(name, (int)type, dims));
        }

        /// <summary>Publishes a float32 <paramref name="value"/> as graph output <paramref name="name"/>.</summary>
        public void Output(string name, string value, long? width) => Output(name, value, TensorProto.Types.DataType.Float, width);

        /// <summary>The ONNX operator set the graphs use.</summary>
        public const int Opset = 17;

        /// <summary>The IR version that opset 17 came with.</summary>
        internal const long IrVersion = 8;

        /// <summary>The graph as a bare ONNX model (no metadata) at the exporter's opset: for checks of single formulas.</summary>
        public byte[] ToModelBytes()
        {
            var model = new ModelProto { IrVersion = IrVersion, Graph = _graph };
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
            return Google.Protobuf.MessageExtensions.ToByteArray(model);
        }

        /// <summary>A float32 initializer holding a copy of <paramref name="tensor"/> (its current values).</summary>
        public string Weight(string name, Tensor tensor)
        {
            using var detached = tensor.detach();
            using var contiguous = detached.contiguous();
            using var accessor = contiguous.data<float>();
            return Weight(name, accessor.ToArray(), tensor.shape);
        }

        public string Weight(string name, float[] values, long[] dims)
        {
            var unique = Unique(name);
            var proto = new TensorProto { Name = unique, DataType = FloatType, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
            proto.Dims.Add(dims);
            _graph.Initializer.Add(proto);
            return unique;
        }

        public string Scalar(string name, float value) => Weight(name, new[] { value }, Array.Empty<long>());

        public string Int64s(string name, long[] values)
        {
            var unique = Unique(name);
            var proto = new TensorProto { Name = unique, DataType = (int)TensorProto.Types.DataType.Int64 };
            proto.Dims.Add(values.Length);
            proto.Int64Data.Add(values);
            _graph.Initializer.Add(proto);
            return unique;
        }

        /// <summary>Adds one node with one output; returns the output's name.</summary>
        public string Node(string opType, string scope, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
            Nodes(opType, scope, 1, inputs, attributes)[0];

        /// <summary>
        /// Adds one node with <paramref name="outputs"/> outputs (TopK gives values and indices); returns their names. The
        /// node is named after its first output.
        /// </summary>
        public string[] Nodes(string opType, string scope, int outputs, IEnumerable<string> inputs, params AttributeProto[] attributes)
        {
            var names = Enumerable.Range(0, outputs).Select(i => Unique(i == 0 ? $"{scope}/{opType}" : $"{scope}/{opType}_{i}")).ToArray();
            var node = new NodeProto { OpType = opType, Name = names[0] };
            node.Output.Add(names);
            node.Input.Add(inputs);
            node.Attribute.Add(attributes);
            _graph.Node.Add(node);
            return names;
        }

        public string Node(string opType, string scope, params string[] inputs) => Node(opType, scope, inputs, Array.Empty<AttributeProto>());

        public static AttributeProto Int(string name, long value) =>
            new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

        public static AttributeProto Ints(string name, IEnumerable<long> values)
        {
            var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
            a.Ints.Add(values);
            return a;
        }

        public static AttributeProto Float(string name, float value) =>
            new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

        string Unique(string name)
        {
            var candidate = name;
            for (var i = 1; !_names.Add(candidate); i++) candidate = $"{name}_{i}";
            return candidate;
        }

        void Reserve(string name)
        {
            if (!_names.Add(name)) throw new InvalidOperationException($"The graph already has a value named '{name}'.");
        }

        static ValueInfoProto ValueInfo(string name, int elementType, IEnumerable<object> dims)
        {
            var shape = new TensorShapeProto();
            foreach (var d in dims)
                shape.Dim.Add(d is string symbol ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                                                 : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d) });
            return new ValueInfoProto {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } },
            };
        }
    }
}

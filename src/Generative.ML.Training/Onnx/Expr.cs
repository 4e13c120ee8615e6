using System;
using static TorchSharp.torch;

namespace Generative.ML.Training.Onnx
{
    /// <summary>
    /// A value in one of two places: a torch tensor while training, or a node of an ONNX graph at export. A formula
    /// written once on Expr (<see cref="Formulas"/>) runs as torch operations in the loss and emits the same operations,
    /// in the same order, into the exported graph, so the two cannot drift apart. Torch temporaries belong to the
    /// caller's dispose scope.
    /// </summary>
    internal readonly struct Expr
    {
        readonly Tensor? _tensor;
        readonly OnnxGraphBuilder? _graph;
        readonly string? _node;
        readonly string _scope;

        Expr(Tensor tensor)
        {
            _tensor = tensor;
            _graph = null;
            _node = null;
            _scope = "";
        }

        Expr(OnnxGraphBuilder graph, string node, string scope)
        {
            _tensor = null;
            _graph = graph;
            _node = node;
            _scope = scope;
        }

        public static Expr Of(Tensor tensor) => new(tensor ?? throw new ArgumentNullException(nameof(tensor)));

        /// <summary>A graph value; the nodes a formula adds to it are named under <paramref name="scope"/>.</summary>
        public static Expr Of(OnnxGraphBuilder graph, string node, string scope) => new(graph, node, scope);

        public Tensor Tensor => _tensor ?? throw new InvalidOperationException("This value is an ONNX node, not a tensor.");

        public string Node => _node ?? throw new InvalidOperationException("This value is a tensor, not an ONNX node.");

        public static Expr operator +(Expr a, Expr b) => a.Binary(b, "Add", (x, y) => x + y);
        public static Expr operator -(Expr a, Expr b) => a.Binary(b, "Sub", (x, y) => x - y);
        public static Expr operator *(Expr a, Expr b) => a.Binary(b, "Mul", (x, y) => x * y);
        public static Expr operator /(Expr a, Expr b) => a.Binary(b, "Div", (x, y) => x / y);
        public static Expr operator +(Expr a, double b) => a.WithConstant(b, "Add", (x, y) => x + y);
        public static Expr operator -(Expr a, double b) => a.WithConstant(b, "Sub", (x, y) => x - y);
        public static Expr operator *(double a, Expr b) => b.WithConstant(a, "Mul", (x, y) => y * x);
        public static Expr operator /(Expr a, double b) => a.WithConstant(b, "Div", (x, y) => x / y);
        public static Expr operator -(Expr a) => a.Unary("Neg", x => -x);

        public Expr Exp() => Unary("Exp", x => x.exp());

        /// <summary>v * v (torch's square, ONNX's Mul of v by itself: the same product).</summary>
        public Expr Square() => _tensor is { } t ? new(t.square()) : new(_graph!, _graph!.Node("Mul", _scope, _node!, _node!), _scope);

        public Expr Softplus() => Unary("Softplus", x => nn.functional.softplus(x));

        /// <summary>Sum over the feature axis: [batch, n] -> [batch].</summary>
        public Expr RowSum() => _tensor is { } t ? new(t.sum(1L)) : new(_graph!, GraphMath.RowSum(_graph!, _node!, _scope), _scope);

        /// <summary>Mean over the feature axis: [batch, n] -> [batch].</summary>
        public Expr RowMean() => _tensor is { } t ? new(t.mean(new long[] { 1 })) : new(_graph!, GraphMath.RowMean(_graph!, _node!, _scope), _scope);

        Expr Unary(string op, Func<Tensor, Tensor> torch) => _tensor is { } t ? new(torch(t)) : new(_graph!, _graph!.Node(op, _scope, _node!), _scope);

        Expr Binary(Expr other, string op, Func<Tensor, Tensor, Tensor> torch)
        {
            if (_tensor is { } t) return new(torch(t, other.Tensor));
            if (other._graph != _graph) throw new InvalidOperationException("Both values must belong to the same graph.");
            return new(_graph!, _graph!.Node(op, _scope, _node!, other.Node), _scope);
        }

        /// <summary>The constant is a float32 scalar in the graph, as torch makes a Python-style scalar for a float tensor.</summary>
        Expr WithConstant(double c, string op, Func<Tensor, double, Tensor> torch) =>
            _tensor is { } t ? new(torch(t, c)) : new(_graph!, _graph!.Node(op, _scope, _node!, _graph.Scalar($"{_scope}/c", (float)c)), _scope);
    }
}

using System;
using System.IO;
using static TorchSharp.torch;

namespace Generative.ML.Training.Optimization
{
    /// <summary>
    /// Adam (or AdamW, with decoupled weight decay) over a <see cref="FlatParameters"/> buffer, as PyTorch defines it:
    /// m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr / (1 - b1^t) * m / (sqrt(v / (1 - b2^t)) + eps).
    /// One update is a few operations over the whole buffer, whatever the number of parameter tensors.
    /// </summary>
    internal sealed class Adam : IDisposable
    {
        const double Beta2 = 0.999, Epsilon = 1e-8;
        readonly double Beta1;

        readonly FlatParameters _parameters;
        readonly bool _decoupledWeightDecay;
        readonly double _weightDecay;
        readonly Tensor _m, _v;

        /// <param name="beta1">The first moment's decay: 0.9, or 0.5 for adversarial games, where older gradients point the wrong way sooner.</param>
        public Adam(FlatParameters parameters, OptimizerKind kind, double weightDecay, double beta1 = 0.9)
        {
            Beta1 = beta1;
            _parameters = parameters;
            _decoupledWeightDecay = kind == OptimizerKind.AdamW;
            _weightDecay = weightDecay;
            _m = zeros_like(parameters.Values).DetachFromDisposeScope();
            _v = zeros_like(parameters.Values).DetachFromDisposeScope();
        }

        public double LearningRate { get; set; }

        /// <summary>Updates taken so far (t).</summary>
        public long Steps { get; private set; }

        public void Step()
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var (p, g) = (_parameters.Values, _parameters.Gradients);
            Steps++;
            if (_weightDecay != 0) {
                if (_decoupledWeightDecay) p.mul_(1 - LearningRate * _weightDecay);
                else g.add_(p, alpha: _weightDecay);
            }
            _m.mul_(Beta1).add_(g, alpha: 1 - Beta1);
            _v.mul_(Beta2).addcmul_(g, g, value: 1 - Beta2);
            var stepSize = LearningRate / (1 - Math.Pow(Beta1, Steps));
            var denominator = (_v.sqrt() / Math.Sqrt(1 - Math.Pow(Beta2, Steps))).add_(Epsilon);
            p.addcdiv_(_m, denominator, value: -stepSize);
        }

        /// <summary>The moments and the step count, for checkpoints.</summary>
        public void Save(string path)
        {
            using var writer = new BinaryWriter(File.Create(path));
            writer.Write(Steps);
            writer.Write(_m.numel());
            Write(writer, _m);
            Write(writer, _v);
        }

        public void Load(string path)
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            var steps = reader.ReadInt64();
            var count = reader.ReadInt64();
            if (count != _m.numel())
                throw new InvalidDataException($"'{path}' holds optimizer state for {count} parameters; the model has {_m.numel()}.");
            Read(reader, _m);
            Read(reader, _v);
            Steps = steps;
        }

        static void Write(BinaryWriter writer, Tensor t)
        {
            var values = t.data<float>().ToArray();
            var bytes = new byte[values.Length * sizeof(float)];
            Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            writer.Write(bytes);
        }

        static void Read(BinaryReader reader, Tensor t)
        {
            var bytes = reader.ReadBytes((int)t.numel() * sizeof(float));
            if (bytes.Length != t.numel() * sizeof(float)) throw new EndOfStreamException("The optimizer state file is truncated.");
            var values = new float[t.numel()];
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            using var loaded = tensor(values);
            t.copy_(loaded);
        }

        public void Dispose()
        {
            _m.Dispose();
            _v.Dispose();
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using static TorchSharp.torch;

namespace TorchSharp.Modules
{
    /// <summary>
    /// Base of the managed optimizers: saving and restoring their state (learning rate, step counts, moment
    /// buffers) so that training can resume where it stopped. The file format is the stand-in's own.
    /// </summary>
    public abstract class OptimizerHelper : optim.Optimizer
    {
        private protected OptimizerHelper(IEnumerable<Parameter> parameters, double learningRate) : base(parameters, learningRate) { }

        /// <summary>The optimizer's state tensors, in a fixed order, with a name each.</summary>
        private protected abstract IEnumerable<(string name, Tensor tensor)> StateTensors();

        /// <summary>The optimizer's integer counters (step counts and the like).</summary>
        private protected abstract long[] Counters { get; }

        public void save_state_dict(string location)
        {
            using var stream = File.Create(location);
            using var writer = new BinaryWriter(stream);
            save_state_dict(writer);
        }

        public void load_state_dict(string location)
        {
            using var stream = File.OpenRead(location);
            using var reader = new BinaryReader(stream);
            load_state_dict(reader);
        }

        public void save_state_dict(BinaryWriter writer)
        {
            writer.Write(GetType().Name);
            writer.Write(_group.LearningRate);
            writer.Write(_group.InitialLearningRate);
            var counters = Counters;
            writer.Write(counters.Length);
            foreach (var c in counters) writer.Write(c);
            StateDictFormat.Write(writer, StateTensors().Select(s => new KeyValuePair<string, Tensor>(s.name, s.tensor)));
        }

        public void load_state_dict(BinaryReader reader)
        {
            var name = reader.ReadString();
            if (name != GetType().Name)
                throw new InvalidDataException($"Mismatched optimizer type: expected '{GetType().Name}', but found '{name}' in the loaded stream.");
            var lr = reader.ReadDouble();
            var initialLr = reader.ReadDouble();
            var counters = Counters;
            var count = reader.ReadInt32();
            if (count != counters.Length)
                throw new ArgumentException($"Invalid optimizer state: {count} counters in the stream, {counters.Length} expected.");
            var loadedCounters = new long[count];
            for (var i = 0; i < count; i++) loadedCounters[i] = reader.ReadInt64();

            var loaded = StateDictFormat.Read(reader);
            try {
                var own = StateTensors().ToArray();
                if (loaded.Count != own.Length)
                    throw new ArgumentException($"Invalid optimizer state: {loaded.Count} tensors in the stream, {own.Length} expected.");
                foreach (var (key, tensor) in own) {
                    if (!loaded.TryGetValue(key, out var value))
                        throw new ArgumentException($"Invalid optimizer state: '{key}' is missing from the stream.");
                    if (!value.shape.SequenceEqual(tensor.shape) || value.dtype != tensor.dtype)
                        throw new ArgumentException($"Invalid optimizer state: '{key}' has shape [{string.Join(", ", value.shape)}], " +
                                                    $"[{string.Join(", ", tensor.shape)}] expected.");
                }
                // Everything checked: only now is the optimizer changed, so a bad stream leaves it as it was.
                using (no_grad())
                    foreach (var (key, tensor) in own) tensor.copy_(loaded[key]);
                loadedCounters.CopyTo(counters, 0);
                _group.LearningRate = lr;
                _group.InitialLearningRate = initialLr;
            } finally {
                foreach (var t in loaded.Values) t.Dispose();
            }
        }
    }
}

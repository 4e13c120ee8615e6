using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Optimization
{
    /// <summary>A copy of a module's parameters and buffers, to put back later (the best epoch's weights).</summary>
    internal sealed class WeightSnapshot : IDisposable
    {
        readonly Dictionary<string, Tensor> _copy;

        public WeightSnapshot(nn.Module module)
        {
            using var _ = no_grad();
            _copy = module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone().DetachFromDisposeScope());
        }

        public void RestoreInto(nn.Module module) => module.load_state_dict(_copy);

        public void Dispose()
        {
            foreach (var t in _copy.Values) t.Dispose();
        }
    }
}

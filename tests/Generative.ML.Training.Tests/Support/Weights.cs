using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Support
{
    internal static class Weights
    {
        /// <summary>Every parameter and buffer, flattened in state-dict order, as float32 values.</summary>
        public static float[] Flat(nn.Module module)
        {
            var all = new List<float>();
            foreach (var (_, t) in module.state_dict()) {
                using var f = t.to_type(ScalarType.Float32);
                all.AddRange(f.data<float>().ToArray());
            }
            return all.ToArray();
        }
    }
}

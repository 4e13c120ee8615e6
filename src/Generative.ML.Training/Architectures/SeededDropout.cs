using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Architectures
{
    /// <summary>
    /// Dropout whose mask comes from the running fit's generator (<see cref="RandomDraws"/>); torch's own Dropout draws
    /// from the process-wide one. In evaluation mode, and in the exported graphs, it is the identity.
    /// </summary>
    internal sealed class SeededDropout : nn.Module<Tensor, Tensor>
    {
        public SeededDropout(double probability) : base(nameof(SeededDropout)) => Probability = probability;

        /// <summary>The share of values zeroed in training.</summary>
        public double Probability { get; }

        public override Tensor forward(Tensor x)
        {
            if (!training || Probability == 0) return x.alias();
            using var mask = RandomDraws.DropoutMask(x, Probability);
            return x * mask;
        }
    }
}

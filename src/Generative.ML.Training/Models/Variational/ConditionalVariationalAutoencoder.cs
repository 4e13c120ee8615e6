using System;
using Generative.ML.Training.Architectures;
using static TorchSharp.torch;

namespace Generative.ML.Training.Models
{
    /// <summary>
    /// A VAE given a condition vector c with every row (a one-hot class, or any side information): q(z | x, c) and
    /// p(x | z, c). Sampling draws z ~ N(0, I) and decodes it under the condition asked for.
    /// </summary>
    internal sealed class ConditionalVariationalAutoencoder : VariationalAutoencoder
    {
        /// <summary>The conditional VAE: q(z | x, c) and p(x | z, c).</summary>
        public ConditionalVariationalAutoencoder(long inputSize, long conditionSize, long latentSize,
                                                 NetworkArchitecture? architecture = null, VaeOptions? options = null)
            : base(nameof(ConditionalVariationalAutoencoder), inputSize, latentSize, CheckCondition(conditionSize), architecture, options) { }


        /// <summary>One new row per row of <paramref name="condition"/> ([N, ConditionSize]): the mean of p(x | z, c).</summary>
        public Tensor Sample(Tensor condition)
        {
            if (condition is null) throw new ArgumentNullException(nameof(condition));
            if (condition.dim() != 2 || condition.shape[1] != ConditionSize)
                throw new ArgumentException($"The condition must have shape [N, {ConditionSize}]; got [{string.Join(", ", condition.shape)}].", nameof(condition));
            using var z = RandomDraws.Normal(new[] { condition.shape[0], LatentSize });
            return Decode(z, condition);
        }

        static long CheckCondition(long conditionSize) => conditionSize > 0
            ? conditionSize
            : throw new ArgumentOutOfRangeException(nameof(conditionSize), conditionSize, "A conditional VAE needs a condition size > 0.");
    }
}

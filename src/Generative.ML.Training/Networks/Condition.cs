using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Networks
{
    /// <summary>How a condition vector joins an activation: appended as extra columns.</summary>
    internal static class Condition
    {
        public static Tensor Join(Tensor h, Tensor? condition, long conditionSize)
        {
            if (conditionSize == 0) {
                if (condition is not null) throw new ArgumentException("This model takes no condition.", nameof(condition));
                return h.alias();
            }
            if (condition is null) throw new ArgumentNullException(nameof(condition), $"This model needs a condition of {conditionSize} values per row.");
            if (condition.dim() != 2 || condition.shape[1] != conditionSize || condition.shape[0] != h.shape[0])
                throw new ArgumentException(
                    $"The condition must have shape [{h.shape[0]}, {conditionSize}]; got [{string.Join(", ", condition.shape)}].", nameof(condition));
            return cat(new[] { h, condition }, 1);
        }
    }
}

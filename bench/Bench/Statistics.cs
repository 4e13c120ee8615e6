using System.Collections.Generic;
using System.Linq;

namespace Generative.ML.Bench
{
    /// <summary>The summaries every benchmark reports.</summary>
    public static class Statistics
    {
        /// <summary>The middle value, or the mean of the two middle values.</summary>
        public static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}

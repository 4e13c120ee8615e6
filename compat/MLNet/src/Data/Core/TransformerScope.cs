using System;

namespace Microsoft.ML.Data
{
    /// <summary>When a transformer in a chain applies: training, testing, scoring.</summary>
    [Flags]
    public enum TransformerScope
    {
        None = 0,
        Training = 1 << 0,
        Testing = 1 << 1,
        Scoring = 1 << 2,
        TrainTest = Training | Testing,
        Everything = Training | Testing | Scoring
    }
}

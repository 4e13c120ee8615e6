using System;

namespace Microsoft.ML.Data
{
    /// <summary>
    /// The computing part of a row-to-row transform: the columns it adds, the input columns each needs, and getters
    /// that compute them from an input row. Views and row mappers are built over it.
    /// </summary>
    internal interface IRowMapper
    {
        DataViewSchema.DetachedColumn[] GetOutputColumns();

        /// <summary>Which input columns (by index) must be active for the active outputs.</summary>
        Func<int, bool> GetDependencies(Func<int, bool> activeOutput);

        /// <summary>One getter per output column (null where inactive), reading from <paramref name="input"/>.</summary>
        Delegate[] CreateGetters(DataViewRow input, Func<int, bool> activeOutput, out Action disposer);
    }
}

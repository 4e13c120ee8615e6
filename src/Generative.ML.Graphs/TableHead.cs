namespace Generative.ML.Graphs
{
    /// <summary>How a head of a table model gives the likelihood of its slots.</summary>
    internal enum TableHeadKind
    {
        /// <summary>One slot, a continuous value (in the table encoding's normal-score units): a Gaussian.</summary>
        Gaussian,
        /// <summary>A one-hot group of slots, a category: a softmax over the group.</summary>
        Categorical,
        /// <summary>One slot, 1 where the column's value is missing: a Bernoulli.</summary>
        Missing,
    }

    /// <summary>
    /// One head of a table model: slots [Start, Start + Width) of the encoded row, belonging to table column
    /// <paramref name="Column"/>. A head whose column can be blank (a number's value, or its mode) names its
    /// <paramref name="MaskedBy"/> missing-indicator slot: where that slot is 1 the head's slots are only a filler, and
    /// its likelihood is left out.
    /// The table encoding writes these and the table model reads them: the contract between the two.
    /// </summary>
    internal sealed record TableHead(TableHeadKind Kind, int Start, int Width, int Column, int? MaskedBy = null);
}

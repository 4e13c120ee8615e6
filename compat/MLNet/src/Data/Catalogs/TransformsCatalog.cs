namespace Microsoft.ML
{
    /// <summary>The transforms of an <see cref="MLContext"/>; most are extension methods on this catalog.</summary>
    public sealed class TransformsCatalog
    {
        internal TransformsCatalog(MLContext environment)
        {
            Environment = environment;
            Conversion = new ConversionTransforms(this);
        }

        internal MLContext Environment { get; }

        /// <summary>Type conversions.</summary>
        public ConversionTransforms Conversion { get; }

        public sealed class ConversionTransforms
        {
            internal ConversionTransforms(TransformsCatalog owner) => Environment = owner.Environment;

            internal MLContext Environment { get; }
        }
    }
}

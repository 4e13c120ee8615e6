using System;
using Microsoft.ML.Runtime;

namespace Microsoft.ML
{
    /// <summary>The entry point of ML.NET: catalogs of data operations, transforms, model files and evaluators.</summary>
    public sealed class MLContext
    {
        /// <param name="seed">Seed for everything random (splits, shuffles); null draws one.</param>
        public MLContext(int? seed = null)
        {
            Seed = seed;
            Random = seed.HasValue ? new Random(seed.Value) : new Random();
            Data = new DataOperationsCatalog(this);
            Transforms = new TransformsCatalog(this);
            Model = new ModelOperationsCatalog(this);
            AnomalyDetection = new AnomalyDetectionCatalog(this);
            ComponentCatalog = new ComponentCatalog();
        }

        public DataOperationsCatalog Data { get; }
        public TransformsCatalog Transforms { get; }
        public ModelOperationsCatalog Model { get; }
        public AnomalyDetectionCatalog AnomalyDetection { get; }

        /// <summary>Where assemblies with custom-mapping factories are registered, so saved models can find them.</summary>
        public ComponentCatalog ComponentCatalog { get; }

        /// <summary>The GPU transforms run on when they are not told otherwise; null runs on the CPU.</summary>
        public int? GpuDeviceId { get; set; }

        /// <summary>Whether a transform whose GPU fails falls back to the CPU rather than throwing.</summary>
        public bool FallbackToCpu { get; set; }

        internal int? Seed { get; }

        internal Random Random { get; }
    }
}

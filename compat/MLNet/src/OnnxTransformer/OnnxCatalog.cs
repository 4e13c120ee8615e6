using System.Collections.Generic;
using System.IO;
using Microsoft.ML.Transforms.Onnx;

namespace Microsoft.ML
{
    /// <summary>
    /// ApplyOnnxModel: runs an ONNX graph on a data view. Input columns must match the graph's input names and element
    /// types; outputs become vector columns named after the graph's outputs. Only apply models from trusted sources.
    /// A null gpuDeviceId uses <see cref="MLContext.GpuDeviceId"/>.
    /// </summary>
    public static class OnnxCatalog
    {
        public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, string modelFile, int? gpuDeviceId = null, bool fallbackToCpu = false)
            => Make(catalog, null, null, OnnxModelSource.FromFile(modelFile), null, gpuDeviceId, fallbackToCpu);

        public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, Stream modelBytes, int? gpuDeviceId = null, bool fallbackToCpu = false)
            => Make(catalog, null, null, OnnxModelSource.FromStream(modelBytes), null, gpuDeviceId, fallbackToCpu);

        public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, string modelFile, IDictionary<string, int[]> shapeDictionary,
            int? gpuDeviceId = null, bool fallbackToCpu = false)
            => Make(catalog, null, null, OnnxModelSource.FromFile(modelFile), shapeDictionary, gpuDeviceId, fallbackToCpu);

        public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, Stream modelBytes, IDictionary<string, int[]> shapeDictionary,
            int? gpuDeviceId = null, bool fallbackToCpu = false)
            => Make(catalog, null, null, OnnxModelSource.FromStream(modelBytes), shapeDictionary, gpuDeviceId, fallbackToCpu);

        public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, string modelFile,
            int? gpuDeviceId = null, bool fallbackToCpu = false)
            => Make(catalog, new[] { outputColumnName }, new[] { inputColumnName }, OnnxModelSource.FromFile(modelFile), null, gpuDeviceId, fallbackToCpu);

        public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, Stream modelBytes,
            int? gpuDeviceId = null, bool fallbackToCpu = false)
            => Make(catalog, new[] { outputColumnName }, new[] { inputColumnName }, OnnxModelSource.FromStream(modelBytes), null, gpuDeviceId, fallbackToCpu);

        public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, string modelFile,
            IDictionary<string, int[]> shapeDictionary, int? gpuDeviceId = null, bool fallbackToCpu = false)
            => Make(catalog, new[] { outputColumnName }, new[] { inputColumnName }, OnnxModelSource.FromFile(modelFile), shapeDictionary, gpuDeviceId, fallbackToCpu);

        public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, Stream modelBytes,
            IDictionary<string, int[]> shapeDictionary, int? gpuDeviceId = null, bool fallbackToCpu = false)
            => Make(catalog, new[] { outputColumnName }, new[] { inputColumnName }, OnnxModelSource.FromStream(modelBytes), shapeDictionary, gpuDeviceId, fallbackToCpu);

        public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, string[] outputColumnNames, string[] inputColumnNames, string modelFile,
            int? gpuDeviceId = null, bool fallbackToCpu = false)
            => Make(catalog, outputColumnNames, inputColumnNames, OnnxModelSource.FromFile(modelFile), null, gpuDeviceId, fallbackToCpu);

        public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, string[] outputColumnNames, string[] inputColumnNames, Stream modelBytes,
            int? gpuDeviceId = null, bool fallbackToCpu = false)
            => Make(catalog, outputColumnNames, inputColumnNames, OnnxModelSource.FromStream(modelBytes), null, gpuDeviceId, fallbackToCpu);

        public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, string[] outputColumnNames, string[] inputColumnNames, string modelFile,
            IDictionary<string, int[]> shapeDictionary, int? gpuDeviceId = null, bool fallbackToCpu = false)
            => Make(catalog, outputColumnNames, inputColumnNames, OnnxModelSource.FromFile(modelFile), shapeDictionary, gpuDeviceId, fallbackToCpu);

        public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, string[] outputColumnNames, string[] inputColumnNames, Stream modelBytes,
            IDictionary<string, int[]> shapeDictionary, int? gpuDeviceId = null, bool fallbackToCpu = false)
            => Make(catalog, outputColumnNames, inputColumnNames, OnnxModelSource.FromStream(modelBytes), shapeDictionary, gpuDeviceId, fallbackToCpu);

        // ML.NET: the catalog's GpuDeviceId applies when the call gives none, and then so does its FallbackToCpu.
        private static OnnxScoringEstimator Make(TransformsCatalog catalog, string[] outputs, string[] inputs, byte[] model,
            IDictionary<string, int[]> shapes, int? gpuDeviceId, bool fallbackToCpu)
        {
            var env = catalog.Environment;
            if (gpuDeviceId == null && env.GpuDeviceId != null)
            {
                gpuDeviceId = env.GpuDeviceId;
                fallbackToCpu = env.FallbackToCpu;
            }
            return new OnnxScoringEstimator(new OnnxTransformer(model, outputs, inputs, shapes, gpuDeviceId, fallbackToCpu));
        }
    }
}

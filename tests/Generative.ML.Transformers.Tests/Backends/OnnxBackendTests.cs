using System;
using System.IO;
using System.Linq;
using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Generative.ML.Transformers.Tests.Backends
{
    /// <summary>
    /// The scoring backend the application chose (-p:OnnxRuntimeBackend=cpu|gpu) runs ML.NET's ApplyOnnxModel. Without
    /// a CUDA device, asking for the GPU fails with ONNX Runtime's message, or scores on the CPU when the user allows it.
    /// </summary>
    [Trait("Backend", "OnnxRuntime")]
    public class OnnxBackendTests
    {
        const int Width = 3;

        sealed class Row
        {
            [ColumnName("x"), VectorType(Width)]
            public float[] X { get; set; } = Array.Empty<float>();
        }

        sealed class Scored
        {
            [ColumnName("y")]
            public float[] Y { get; set; } = Array.Empty<float>();
        }

        static readonly bool HasCudaDevice = File.Exists("/dev/nvidia0");

        /// <summary>Microsoft.ML.OnnxRuntime.Gpu's library lists the CUDA provider; the CPU package's lacks it altogether.</summary>
        static readonly bool GpuBuild = OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider");

        [Fact]
        public void ApplyOnnxModelScoresOnTheCpu() => Assert.Equal(Expected(), Score(gpuDeviceId: null, fallbackToCpu: false));

        [Fact]
        public void WithTheGpuPackageAskingForTheGpuWithFallbackScoresTheSameValues()
        {
            if (GpuBuild) {
                Assert.Equal(Expected(), Score(gpuDeviceId: 0, fallbackToCpu: true));
                return;
            }
            // The CPU package's library has no CUDA entry point at all, and ML.NET's fallback catches only
            // OnnxRuntimeException: a GPU id must not reach ML.NET with the CPU backend, fallback or not.
            Assert.Throws<EntryPointNotFoundException>(() => Score(gpuDeviceId: 0, fallbackToCpu: true));
        }

        [Fact]
        public void WithTheGpuPackageAndNoGpuAskingForItWithoutFallbackFailsWithOnnxRuntimesMessage()
        {
            if (!GpuBuild) {
                Assert.Throws<EntryPointNotFoundException>(() => Score(gpuDeviceId: 0, fallbackToCpu: false));
                return;
            }
            if (HasCudaDevice) {
                Assert.Equal(Expected(), Score(gpuDeviceId: 0, fallbackToCpu: false));
                return;
            }
            var e = Record.Exception(() => Score(gpuDeviceId: 0, fallbackToCpu: false));
            Assert.NotNull(e);
            var messages = string.Join(" | ", Chain(e).Select(x => x.Message));
            Assert.True(Chain(e).Any(x => x is OnnxRuntimeException), $"Expected ONNX Runtime's error, got: {messages}");
            Assert.Contains("CUDA", messages, StringComparison.OrdinalIgnoreCase);
        }

        static float[][] Score(int? gpuDeviceId, bool fallbackToCpu)
        {
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(Rows());
            using var model = new MemoryStream(DoublingGraph());
            var transformer = ml.Transforms.ApplyOnnxModel("y", "x", model, gpuDeviceId, fallbackToCpu).Fit(data);
            return ml.Data.CreateEnumerable<Scored>(transformer.Transform(data), reuseRowObject: false).Select(s => s.Y).ToArray();
        }

        static Row[] Rows() => Enumerable.Range(0, 5).Select(i => new Row { X = new[] { i, -i, 0.5f * i } }).ToArray();

        static float[][] Expected() => Rows().Select(r => r.X.Select(v => 2 * v).ToArray()).ToArray();

        static System.Collections.Generic.IEnumerable<Exception> Chain(Exception e)
        {
            for (Exception? x = e; x != null; x = x.InnerException) yield return x;
        }

        /// <summary>y = 2 x for x of shape [batch, 3]: the smallest graph with a free batch dimension.</summary>
        internal static byte[] DoublingGraph(string graphName = "doubling", string output = "y")
        {
            static ValueInfoProto Value(string name) => new() {
                Name = name,
                Type = new TypeProto {
                    TensorType = new TypeProto.Types.Tensor {
                        ElemType = (int)TensorProto.Types.DataType.Float,
                        Shape = new TensorShapeProto {
                            Dim = { new TensorShapeProto.Types.Dimension { DimParam = "batch" },
                                                               new TensorShapeProto.Types.Dimension { DimValue = Width } }
                        },
                    },
                },
            };
            var graph = new GraphProto { Name = graphName };
            graph.Input.Add(Value("x"));
            graph.Output.Add(Value(output));
            graph.Initializer.Add(new TensorProto { Name = "two", DataType = (int)TensorProto.Types.DataType.Float, FloatData = { 2f } });
            graph.Node.Add(new NodeProto { OpType = "Mul", Input = { "x", "two" }, Output = { output } });
            var model = new ModelProto { IrVersion = 8, Graph = graph };
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
            return model.ToByteArray();
        }
    }
}

using System;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Microsoft.ML.OnnxRuntime.Tests
{
    /// <summary>Bad models and bad inputs end in typed exceptions that say what was wrong, never in a native crash.</summary>
    public class ErrorTests : IDisposable
    {
        readonly RunOptions _run = new();

        public void Dispose() => _run.Dispose();

        [Fact]
        public void Bytes_that_are_not_onnx_are_refused()
        {
            var e = Assert.Throws<OnnxRuntimeException>(() => new InferenceSession(new byte[] { 1, 2, 3, 4, 5, 0xff, 0xfe }));
            Assert.Contains("[ErrorCode:", e.Message);
        }

        [Fact]
        public void A_truncated_file_is_refused_with_its_path()
        {
            var path = Path.Combine(Path.GetTempPath(), $"truncated-{Guid.NewGuid():N}.onnx");
            var bytes = TestGraphs.Affine();
            File.WriteAllBytes(path, bytes.Take(bytes.Length / 2).ToArray());
            try {
                var e = Assert.Throws<OnnxRuntimeException>(() => new InferenceSession(path));
                Assert.Contains(path, e.Message);
            } finally {
                File.Delete(path);
            }
        }

        [Fact]
        public void A_missing_file_is_refused_with_its_path()
        {
            var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.onnx");
            var e = Assert.Throws<OnnxRuntimeException>(() => new InferenceSession(path));
            Assert.Contains(path, e.Message);
        }

        [Fact]
        public void A_wrong_width_names_the_input()
        {
            using var session = new InferenceSession(TestGraphs.Affine());
            using var value = OrtValue.CreateTensorValueFromMemory(new float[10], new long[] { 2, 5 });
            var e = Assert.Throws<OnnxRuntimeException>(() => session.Run(_run, new[] { "x" }, new[] { value }, new[] { "y" }));
            Assert.Contains("x", e.Message);
            Assert.Contains("dimensions", e.Message);
        }

        [Fact]
        public void A_wrong_rank_names_the_input()
        {
            using var session = new InferenceSession(TestGraphs.Affine());
            var input = new DenseTensor<float>(new float[TestGraphs.Width], new[] { TestGraphs.Width });
            var e = Assert.Throws<OnnxRuntimeException>(() => session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", input) }));
            Assert.Contains("rank", e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("x", e.Message);
        }

        [Fact]
        public void An_unknown_input_name_is_named_with_the_known_ones()
        {
            using var session = new InferenceSession(TestGraphs.Affine());
            var input = new DenseTensor<float>(new float[8], new[] { 2, TestGraphs.Width });
            var e = Assert.Throws<OnnxRuntimeException>(() => session.Run(new[] { NamedOnnxValue.CreateFromTensor("features", input) }));
            Assert.Contains("'features'", e.Message);
            Assert.Contains("'x'", e.Message);
        }

        [Fact]
        public void An_unknown_output_name_is_named()
        {
            using var session = new InferenceSession(TestGraphs.Affine());
            using var value = OrtValue.CreateTensorValueFromMemory(new float[8], new long[] { 2, TestGraphs.Width });
            var e = Assert.Throws<OnnxRuntimeException>(() => session.Run(_run, new[] { "x" }, new[] { value }, new[] { "score" }));
            Assert.Contains("'score'", e.Message);
        }

        [Fact]
        public void A_wrong_element_type_is_refused()
        {
            using var session = new InferenceSession(TestGraphs.Affine());
            using var value = OrtValue.CreateTensorValueFromMemory(new double[8], new long[] { 2, TestGraphs.Width });
            var e = Assert.Throws<OnnxRuntimeException>(() => session.Run(_run, new[] { "x" }, new[] { value }, new[] { "y" }));
            Assert.Contains("double", e.Message);
        }

        [Fact]
        public void A_shape_larger_than_the_memory_is_refused_before_any_native_call()
        {
            var e = Assert.Throws<OnnxRuntimeException>(() => OrtValue.CreateTensorValueFromMemory(new float[7], new long[] { 2, TestGraphs.Width }));
            Assert.Contains("8", e.Message);
        }

        [Fact]
        public void Reading_a_tensor_as_the_wrong_type_is_refused()
        {
            using var value = OrtValue.CreateTensorValueFromMemory(new float[8], new long[] { 2, TestGraphs.Width });
            Assert.Throws<OnnxRuntimeException>(() => value.GetTensorDataAsSpan<long>().ToArray());
        }

        [Fact]
        public void Negative_thread_counts_are_refused()
        {
            using var options = new SessionOptions();
            Assert.Throws<ArgumentOutOfRangeException>(() => options.IntraOpNumThreads = -1);
        }

        [Fact]
        public void Cuda_fails_clearly_on_this_cpu_build()
        {
            using var options = new SessionOptions();
            var e = Assert.Throws<OnnxRuntimeException>(() => options.AppendExecutionProvider_CUDA(0));
            Assert.Contains("CUDA", e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Throws<OnnxRuntimeException>(() => SessionOptions.MakeSessionOptionWithCudaProvider());
        }
    }
}

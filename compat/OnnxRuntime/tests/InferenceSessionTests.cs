using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Microsoft.ML.OnnxRuntime.Tests
{
    public class InferenceSessionTests : IDisposable
    {
        readonly RunOptions _run = new();

        public void Dispose() => _run.Dispose();

        static readonly float[] Rows = { 0, 1, 2, 3, 0.5f, -1, 4, 2 };

        [Fact]
        public void Metadata_describes_inputs_and_outputs_with_a_free_batch_dimension()
        {
            using var session = new InferenceSession(TestGraphs.Affine());
            Assert.Equal(new[] { "x" }, session.InputNames);
            Assert.Equal(new[] { "y", "big" }, session.OutputNames);
            var x = session.InputMetadata["x"];
            Assert.True(x.IsTensor);
            Assert.Equal(typeof(float), x.ElementType);
            Assert.Equal(TensorElementType.Float, x.ElementDataType);
            Assert.Equal(new[] { -1, TestGraphs.Width }, x.Dimensions);
            Assert.Equal("batch", x.SymbolicDimensions[0]);
            Assert.Equal(typeof(bool), session.OutputMetadata["big"].ElementType);
        }

        [Fact]
        public void Custom_metadata_round_trips()
        {
            var props = new Dictionary<string, string> { ["model_kind"] = "Autoencoder", ["latent_size"] = "3" };
            using var session = new InferenceSession(TestGraphs.Affine(props));
            Assert.Equal(props, session.ModelMetadata.CustomMetadataMap);
            Assert.Equal("tests", session.ModelMetadata.ProducerName);
        }

        [Fact]
        public void Run_with_named_dense_tensors_computes_the_graph()
        {
            using var session = new InferenceSession(TestGraphs.Affine());
            var input = new DenseTensor<float>(Rows.ToArray(), new[] { 2, TestGraphs.Width });
            using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", input) });
            Assert.Equal(new[] { "y", "big" }, results.Select(r => r.Name));
            var y = results[0].AsTensor<float>()!;
            Assert.Equal(new[] { 2, TestGraphs.Width }, y.Dimensions.ToArray());
            Assert.Equal(TestGraphs.AffineExpected(Rows), y.ToArray());
            Assert.Equal(TestGraphs.AffineExpected(Rows).Select(v => v > 5), results[1].AsTensor<bool>()!.ToArray());
        }

        [Fact]
        public void Run_with_selected_outputs_fetches_only_those()
        {
            using var session = new InferenceSession(TestGraphs.Affine());
            var input = new DenseTensor<float>(Rows.ToArray(), new[] { 2, TestGraphs.Width });
            using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", input) }, new[] { "big" });
            Assert.Equal("big", Assert.Single(results).Name);
        }

        [Fact]
        public void OrtValue_inputs_read_managed_memory_in_place()
        {
            using var session = new InferenceSession(TestGraphs.Affine());
            var data = Rows.ToArray();
            using var value = OrtValue.CreateTensorValueFromMemory(data, new long[] { 2, TestGraphs.Width });
            data[0] = 10; // after the value was made: the runtime must see it, as nothing was copied
            value.GetTensorMutableDataAsSpan<float>()[1] = 20; // and writes through the value land in the array
            Assert.Equal(20, data[1]);
            using var outputs = session.Run(_run, new[] { "x" }, new[] { value }, new[] { "y" });
            var y = outputs[0].GetTensorDataAsSpan<float>().ToArray();
            Assert.Equal(TestGraphs.AffineExpected(data), y);
            Assert.Equal(new long[] { 2, TestGraphs.Width }, outputs[0].GetTensorTypeAndShape().Shape);
        }

        [Fact]
        public void Run_with_a_dictionary_of_OrtValues_matches()
        {
            using var session = new InferenceSession(TestGraphs.Affine());
            using var value = OrtValue.CreateTensorValueFromMemory(Rows.ToArray(), new long[] { 2, TestGraphs.Width });
            using var outputs = session.Run(_run, new Dictionary<string, OrtValue> { ["x"] = value }, session.OutputNames);
            Assert.Equal(TestGraphs.AffineExpected(Rows), outputs[0].GetTensorDataAsSpan<float>().ToArray());
        }

        [Fact]
        public void A_session_loads_from_a_file_with_options()
        {
            var path = Path.Combine(Path.GetTempPath(), $"affine-{Guid.NewGuid():N}.onnx");
            File.WriteAllBytes(path, TestGraphs.Affine());
            try {
                using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
                Assert.Equal(1, options.IntraOpNumThreads);
                using var session = new InferenceSession(path, options);
                using var value = OrtValue.CreateTensorValueFromMemory(Rows.ToArray(), new long[] { 2, TestGraphs.Width });
                using var outputs = session.Run(_run, new[] { "x" }, new[] { value }, new[] { "y" });
                Assert.Equal(TestGraphs.AffineExpected(Rows), outputs[0].GetTensorDataAsSpan<float>().ToArray());
            } finally {
                File.Delete(path);
            }
        }

        [Fact]
        public void One_session_serves_many_threads_at_once()
        {
            using var session = new InferenceSession(TestGraphs.Affine());
            var failures = 0;
            System.Threading.Tasks.Parallel.For(0, 8, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 8 }, t => {
                var r = new Random(t);
                for (var i = 0; i < 200; i++) {
                    var rows = r.Next(1, 9);
                    var x = Enumerable.Range(0, rows * TestGraphs.Width).Select(_ => (float)r.NextDouble()).ToArray();
                    using var value = OrtValue.CreateTensorValueFromMemory(x, new long[] { rows, TestGraphs.Width });
                    using var outputs = session.Run(_run, new[] { "x" }, new[] { value }, new[] { "y" });
                    if (!outputs[0].GetTensorDataAsSpan<float>().SequenceEqual(TestGraphs.AffineExpected(x))) System.Threading.Interlocked.Increment(ref failures);
                }
            });
            Assert.Equal(0, failures);
        }

        [Fact]
        public void A_disposed_session_refuses_to_run()
        {
            var session = new InferenceSession(TestGraphs.Affine());
            session.Dispose();
            using var value = OrtValue.CreateTensorValueFromMemory(Rows.ToArray(), new long[] { 2, TestGraphs.Width });
            Assert.Throws<ObjectDisposedException>(() => session.Run(_run, new[] { "x" }, new[] { value }, new[] { "y" }));
        }

        [Fact]
        public void Terminated_run_options_stop_the_run_with_an_error()
        {
            using var session = new InferenceSession(TestGraphs.Affine());
            using var value = OrtValue.CreateTensorValueFromMemory(Rows.ToArray(), new long[] { 2, TestGraphs.Width });
            using var options = new RunOptions { Terminate = true };
            Assert.Throws<OnnxRuntimeException>(() => session.Run(options, new[] { "x" }, new[] { value }, new[] { "y" }));
        }
    }
}

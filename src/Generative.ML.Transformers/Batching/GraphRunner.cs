using System;
using System.Collections.Generic;
using Microsoft.ML.OnnxRuntime;

namespace Generative.ML.Transformers.Batching
{
    /// <summary>
    /// Which graph outputs a batched transform reads and the columns they become: a float output of Width values per
    /// row (a vector column, or a Single column when Scalar), or the Boolean label.
    /// </summary>
    internal sealed record OutputColumn(string Column, string GraphOutput, int Width, bool Scalar, bool Boolean);

    /// <summary>One ONNX Runtime session over a graph, shared by every cursor of a transform (Run is thread-safe).</summary>
    internal sealed class GraphRunner : IDisposable
    {
        readonly InferenceSession _session;
        readonly RunOptions _run = new();
        readonly SessionGate _gate;

        /// <param name="gate">The owning transform's: a view read after the transform is disposed is refused, not run.</param>
        public GraphRunner(byte[] graph, string input, int width, IReadOnlyList<OutputColumn> outputs, ScoringOptions? scoring, SessionGate gate)
        {
            _gate = gate;
            using var options = OnnxBackend.CreateSessionOptions(scoring);
            _session = new InferenceSession(graph, options);
            Input = input;
            Width = width;
            Outputs = outputs;
        }

        public string Input { get; }
        public int Width { get; }
        public IReadOnlyList<OutputColumn> Outputs { get; }

        /// <summary>Runs <paramref name="rows"/> rows of <paramref name="x"/> in one call; one array per output, rows after rows.</summary>
        public Array[] Run(float[] x, int rows) => _gate.Use(() => RunOpen(x, rows));

        Array[] RunOpen(float[] x, int rows)
        {
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(x, 0, rows * Width), new long[] { rows, Width });
            var names = new string[Outputs.Count];
            for (var i = 0; i < names.Length; i++) names[i] = Outputs[i].GraphOutput;
            using var values = _session.Run(_run, new[] { Input }, new[] { input }, names);
            var result = new Array[values.Count];
            for (var i = 0; i < values.Count; i++)
                result[i] = Outputs[i].Boolean ? values[i].GetTensorDataAsSpan<bool>().ToArray() : values[i].GetTensorDataAsSpan<float>().ToArray();
            return result;
        }

        /// <summary>Called inside the owner's <see cref="SessionGate.Close"/>.</summary>
        public void Dispose()
        {
            _session.Dispose();
            _run.Dispose();
        }
    }
}

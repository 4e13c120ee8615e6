using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Export
{
    /// <summary>Runs an exported graph through ONNX Runtime's public API and compares with torch tensors.</summary>
    internal static class OnnxRun
    {
        public static Dictionary<string, float[]> Floats(InferenceSession session, params (string name, float[] data, long width)[] inputs)
        {
            var values = inputs.Select(i => OrtValue.CreateTensorValueFromMemory(i.data, new[] { i.data.Length / i.width, i.width })).ToList();
            try {
                using var options = new RunOptions();
                using var outputs = session.Run(options, inputs.Select(i => i.name).ToArray(), values, session.OutputNames);
                var result = new Dictionary<string, float[]>();
                for (var i = 0; i < outputs.Count; i++) {
                    var name = session.OutputNames[i];
                    if (session.OutputMetadata[name].ElementType == typeof(bool))
                        result[name] = outputs[i].GetTensorDataAsSpan<bool>().ToArray().Select(b => b ? 1f : 0f).ToArray();
                    else
                        result[name] = outputs[i].GetTensorDataAsSpan<float>().ToArray();
                }
                return result;
            } finally {
                foreach (var v in values) v.Dispose();
            }
        }

        public static float[] Values(Tensor t)
        {
            using var detached = t.detach();
            using var c = detached.contiguous();
            using var a = c.data<float>();
            return a.ToArray();
        }

        /// <summary>max |onnx - torch| relative to the torch output's scale (at least 1).</summary>
        public static double RelativeError(float[] onnx, float[] expected)
        {
            Assert.Equal(expected.Length, onnx.Length);
            double scale = 1, worst = 0;
            foreach (var v in expected) scale = Math.Max(scale, Math.Abs(v));
            for (var i = 0; i < onnx.Length; i++) worst = Math.Max(worst, Math.Abs(onnx[i] - expected[i]));
            return worst / scale;
        }
    }
}

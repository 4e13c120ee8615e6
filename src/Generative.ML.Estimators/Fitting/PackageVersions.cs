using System;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

namespace Generative.ML.Estimators.Fitting
{
    /// <summary>The versions of the packages a model was trained with, for its model card.</summary>
    internal static class PackageVersions
    {
        public static IReadOnlyDictionary<string, string> Current { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal) {
            ["Generative.ML"] = Of(typeof(PackageVersions)),
            ["ML.NET"] = Of(typeof(MLContext)),
            ["ONNX Runtime"] = Of(typeof(InferenceSession)),
            ["TorchSharp"] = Of(typeof(TorchSharp.torch)),
        };

        static string Of(Type type)
        {
            var assembly = type.Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "unknown";
        }
    }
}

using System;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Generative.ML.Estimators.Fitting
{
    /// <summary>
    /// The seed an estimator takes from the MLContext it was made from, where its options set none, the way ML.NET's own
    /// trainers take theirs: a draw from the context's random source. <c>new MLContext(seed: 1)</c> gives the same draws
    /// in the same order in every process, so the same pipeline gives the same bytes; another context seed, other ones.
    /// A context made without a seed gives a different draw in every process, as ML.NET's trainers do.
    /// </summary>
    internal static class ContextSeed
    {
        /// <summary>
        /// The context behind <paramref name="catalog"/> (a transforms catalog, a trainers catalog or the context itself).
        /// ML.NET keeps a catalog's environment internal; it is read once here, and a catalog without one is refused.
        /// </summary>
        public static IHostEnvironment Environment(object catalog)
        {
            if (catalog is null) throw new ArgumentNullException(nameof(catalog));
            if (catalog is IHostEnvironment env) return env;
            // ML.NET's catalogs implement its internal IInternalCatalog, whose Environment is the MLContext's.
            foreach (var contract in catalog.GetType().GetInterfaces())
                if (contract.Name == "IInternalCatalog" && contract.GetProperty("Environment")?.GetValue(catalog) is IHostEnvironment found) return found;
            const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
            for (var type = catalog.GetType(); type is not null; type = type.BaseType)
                if (type.GetField("_env", flags)?.GetValue(catalog) is IHostEnvironment field) return field;
            throw new InvalidOperationException(
                $"The MLContext behind {catalog.GetType().Name} could not be read (an ML.NET version this package was not built for?): set the options' Seed.");
        }

        /// <summary>A non-negative seed drawn from the context's random source.</summary>
        public static int Draw(IHostEnvironment environment)
        {
            var host = environment.Register("Generative.ML");
            return host.Rand.Next();
        }
    }
}

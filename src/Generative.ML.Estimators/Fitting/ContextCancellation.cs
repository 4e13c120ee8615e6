using System;
using System.Linq;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Generative.ML.Estimators.Fitting
{
    /// <summary>
    /// ML.NET's own switch for stopping work: <c>mlContext.CancelExecution()</c> marks the context's environment
    /// cancelled, and ML.NET's trainers stop at their next check. ML.NET keeps that mark internal (ICancelable.IsCanceled);
    /// it is found here once per estimator and read before every training batch, so a Fit stops within one batch.
    /// </summary>
    internal static class ContextCancellation
    {
        /// <summary>Flips ML.NET's switch on <paramref name="context"/> (MLContext.CancelExecution, internal in ML.NET 6.0).</summary>
        public static void Cancel(MLContext context)
        {
            var method = typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes)
                ?? throw new InvalidOperationException("This ML.NET version has no MLContext.CancelExecution: set the options' CancellationToken to stop a fit.");
            method.Invoke(context, null);
        }

        /// <summary>Whether the context behind <paramref name="environment"/> was cancelled; null where ML.NET does not say (a version this was not built for).</summary>
        public static Func<bool>? Of(IHostEnvironment environment)
        {
            const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
            object? target = environment;
            // An MLContext passes the question on to its environment.
            if (target is MLContext && target.GetType().GetField("_env", flags)?.GetValue(target) is { } inner) target = inner;
            if (target is null) return null;
            var property = target.GetType().GetProperty("IsCanceled", flags)
                ?? target.GetType().GetInterfaces().Where(i => i.Name == "ICancelable").Select(i => i.GetProperty("IsCanceled")).FirstOrDefault(p => p is not null);
            if (property?.GetMethod is not { } getter || property.PropertyType != typeof(bool)) return null;
            var read = getter.CreateDelegate<Func<bool>>(getter.IsStatic ? null : target);
            return read;
        }
    }
}

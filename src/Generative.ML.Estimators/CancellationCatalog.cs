using System;
using System.Reflection;
using Generative.ML.Estimators.Fitting;

namespace Microsoft.ML
{
    /// <summary>Stopping the work of an <see cref="MLContext"/> from another thread.</summary>
    public static class CancellationCatalog
    {
        /// <summary>
        /// Cancels everything running on <paramref name="mlContext"/>, as ML.NET's own switch does: a Generative.ML Fit
        /// stops before its next training batch with <see cref="OperationCanceledException"/>, and ML.NET's components stop
        /// at their next check. The context stays cancelled: use a new one for further work. ML.NET 6.0 keeps this switch
        /// internal (AutoML flips it when a trial's time is up); this calls it. To stop one fit only, set the options'
        /// <c>CancellationToken</c> instead.
        /// </summary>
        public static void CancelExecution(this MLContext mlContext)
        {
            if (mlContext is null) throw new ArgumentNullException(nameof(mlContext));
            ContextCancellation.Cancel(mlContext);
        }
    }
}

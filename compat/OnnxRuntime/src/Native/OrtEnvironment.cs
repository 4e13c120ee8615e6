using System;
using System.Text;

namespace Microsoft.ML.OnnxRuntime.Native
{
    /// <summary>The process's one OrtEnv, made on first use and kept for the process's life (as ORT expects).</summary>
    internal static unsafe class OrtEnvironment
    {
        const int LogSeverityError = 3;
        static readonly Lazy<IntPtr> Env = new(Create);

        public static IntPtr Handle => Env.Value;

        static IntPtr Create()
        {
            var name = Encoding.UTF8.GetBytes("Generative.ML\0");
            IntPtr env;
            fixed (byte* p = name) OrtStatus.Check(OrtApi.CreateEnv(LogSeverityError, p, &env));
            return env;
        }
    }
}

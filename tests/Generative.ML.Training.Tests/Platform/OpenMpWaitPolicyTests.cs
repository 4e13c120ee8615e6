using System;
using Generative.ML.Training.Platform;

namespace Generative.ML.Training.Tests.Platform
{
    /// <summary>
    /// libtorch's OpenMP threads wait passively unless the process says otherwise: the library sets OMP_WAIT_POLICY in
    /// the native environment (where OpenMP reads it) before libtorch loads, so a fit on a busy machine does not spin on
    /// the cores other work needs.
    /// </summary>
    public class OpenMpWaitPolicyTests
    {
        [Fact]
        public void The_native_environment_says_passive_unless_the_process_was_started_with_a_policy()
        {
            LibTorchRuntime.EnsureAvailable();
            // .NET's view of the environment is the one the process started with: the library's setting is native only.
            var started = Environment.GetEnvironmentVariable(LibTorchRuntime.OpenMpWaitPolicy);
            var native = LibTorchRuntime.NativeEnvironment.Get(LibTorchRuntime.OpenMpWaitPolicy);
            Assert.Equal(started ?? LibTorchRuntime.PassivePolicy, native);
        }
    }
}

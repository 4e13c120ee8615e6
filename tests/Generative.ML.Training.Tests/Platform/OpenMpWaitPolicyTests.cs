using System;
using Generative.ML.Training.Platform;

namespace Generative.ML.Training.Tests.Platform
{
    /// <summary>
    /// libtorch's OpenMP threads spin only briefly unless the process says otherwise: the library sets the OpenMP
    /// setting in the native environment (where OpenMP reads it) before libtorch loads, so a fit on a busy machine does
    /// not spin on the cores other work needs.
    /// </summary>
    public class OpenMpWaitPolicyTests
    {
        [Fact]
        public void The_native_environment_has_the_short_spin_unless_the_process_was_started_with_an_OpenMP_setting()
        {
            LibTorchRuntime.EnsureAvailable();
            // .NET's view of the environment is the one the process started with: the library's setting is native only.
            var policy = Environment.GetEnvironmentVariable(LibTorchRuntime.OpenMpWaitPolicy);
            var spin = Environment.GetEnvironmentVariable(LibTorchRuntime.GnuSpinCount);
            var nativePolicy = LibTorchRuntime.NativeEnvironment.Get(LibTorchRuntime.OpenMpWaitPolicy);
            var nativeSpin = LibTorchRuntime.NativeEnvironment.Get(LibTorchRuntime.GnuSpinCount);
            if (policy is not null || spin is not null) {
                Assert.Equal((policy, spin), (nativePolicy, nativeSpin)); // the user's setting stands, untouched
            } else if (OperatingSystem.IsLinux()) {
                Assert.Equal(LibTorchRuntime.ShortSpin, nativeSpin);
                Assert.Null(nativePolicy);
            } else {
                Assert.Equal(LibTorchRuntime.PassivePolicy, nativePolicy);
            }
        }
    }
}

using System;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime.Native;

namespace Microsoft.ML.OnnxRuntime
{
    /// <summary>Options for one Run call; owns one native OrtRunOptions. Terminate stops runs that use it.</summary>
    public class RunOptions : SafeHandle
    {
        bool _terminate;

        public unsafe RunOptions() : base(IntPtr.Zero, ownsHandle: true)
        {
            IntPtr options;
            OrtStatus.Check(OrtApi.CreateRunOptions(&options));
            SetHandle(options);
        }

        internal IntPtr Handle => handle;

        public override bool IsInvalid => handle == IntPtr.Zero;

        /// <summary>When set, runs using these options stop as soon as they can, with an error.</summary>
        public unsafe bool Terminate
        {
            get => _terminate;
            set {
                OrtStatus.Check(value ? OrtApi.RunOptionsSetTerminate(handle) : OrtApi.RunOptionsUnsetTerminate(handle));
                _terminate = value;
            }
        }

        protected override unsafe bool ReleaseHandle()
        {
            OrtApi.ReleaseRunOptions(handle);
            return true;
        }
    }
}

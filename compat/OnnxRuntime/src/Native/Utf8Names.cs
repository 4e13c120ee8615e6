using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace Microsoft.ML.OnnxRuntime.Native
{
    /// <summary>
    /// A session's input and output names as null-terminated UTF-8 in one native block, made once so that Run passes
    /// pointers without converting or pinning anything.
    /// </summary>
    internal sealed unsafe class Utf8Names : SafeHandle
    {
        readonly IntPtr[] _pointers;

        public Utf8Names(IReadOnlyList<string> names) : base(IntPtr.Zero, ownsHandle: true)
        {
            var encoded = new byte[names.Count][];
            nuint total = 0;
            for (var i = 0; i < names.Count; i++) {
                encoded[i] = Encoding.UTF8.GetBytes(names[i] + "\0");
                total += (nuint)encoded[i].Length;
            }
            SetHandle((IntPtr)NativeMemory.Alloc(Math.Max(total, 1)));
            _pointers = new IntPtr[names.Count];
            var at = (byte*)handle;
            for (var i = 0; i < names.Count; i++) {
                encoded[i].CopyTo(new Span<byte>(at, encoded[i].Length));
                _pointers[i] = (IntPtr)at;
                at += encoded[i].Length;
            }
        }

        public IntPtr this[int index] => _pointers[index];

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            NativeMemory.Free((void*)handle);
            return true;
        }
    }
}

using System;
using System.Buffers;
using Microsoft.ML.OnnxRuntime.Native;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Microsoft.ML.OnnxRuntime
{
    /// <summary>
    /// One native OrtValue. Made over managed memory it pins that memory (no copy) until it is disposed; returned by
    /// Run it owns memory that ONNX Runtime allocated.
    /// </summary>
    public class OrtValue : IDisposable
    {
        readonly OrtHandle _handle;
        MemoryHandle? _pin;

        internal OrtValue(OrtHandle handle, MemoryHandle? pin = null)
        {
            _handle = handle;
            _pin = pin;
            OnnxType = ReadValueType(handle);
        }

        internal OrtHandle Handle => _handle;

        public OnnxValueType OnnxType { get; }

        public bool IsTensor => OnnxType == OnnxValueType.ONNX_TYPE_TENSOR;

        /// <summary>A tensor over <paramref name="data"/> itself (pinned, not copied) with the given shape.</summary>
        public static OrtValue CreateTensorValueFromMemory<T>(T[] data, long[] shape) where T : unmanaged =>
            CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<T>(data ?? throw new ArgumentNullException(nameof(data))), shape);

        /// <summary>A tensor over <paramref name="memory"/> itself (pinned, not copied) with the given shape.</summary>
        public static unsafe OrtValue CreateTensorValueFromMemory<T>(OrtMemoryInfo memoryInfo, Memory<T> memory, long[] shape) where T : unmanaged
        {
            if (memoryInfo is null) throw new ArgumentNullException(nameof(memoryInfo));
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            var elementType = TensorElementTypes.Of(typeof(T));
            long count = 1;
            foreach (var d in shape) {
                if (d < 0) throw new OnnxRuntimeException(ErrorCode.InvalidArgument, $"Shape [{string.Join(", ", shape)}] has a negative dimension.");
                count *= d;
            }
            if (count > memory.Length)
                throw new OnnxRuntimeException(ErrorCode.InvalidArgument,
                    $"Shape [{string.Join(", ", shape)}] needs {count} values; the memory holds {memory.Length}.");
            var pin = memory.Pin();
            try {
                IntPtr value;
                fixed (long* dims = shape) {
                    OrtStatus.Check(OrtApi.CreateTensorWithDataAsOrtValue(memoryInfo.Handle, pin.Pointer, (nuint)(memory.Length * sizeof(T)),
                                                                          dims, (nuint)shape.Length, (int)elementType, &value));
                }
                return new OrtValue(new OrtHandle(value, OrtApi.ReleaseValue), pin);
            } catch {
                pin.Dispose();
                throw;
            }
        }

        public OrtTensorTypeAndShapeInfo GetTensorTypeAndShape()
        {
            RequireTensor();
            return WithTypeAndShape(info => new OrtTensorTypeAndShapeInfo(info));
        }

        /// <summary>The tensor's values in place; valid while this value lives.</summary>
        public ReadOnlySpan<T> GetTensorDataAsSpan<T>() where T : unmanaged => GetTensorMutableDataAsSpan<T>();

        /// <summary>The tensor's values in place, writable; valid while this value lives.</summary>
        public Span<T> GetTensorMutableDataAsSpan<T>() where T : unmanaged => DataAsSpan<T>(GetTensorTypeAndShape());

        /// <summary>The values as T, given this value's type and shape, already read.</summary>
        internal unsafe Span<T> DataAsSpan<T>(OrtTensorTypeAndShapeInfo info) where T : unmanaged
        {
            RequireTensor();
            var expected = TensorElementTypes.Of(typeof(T));
            if (info.ElementDataType != expected)
                throw new OnnxRuntimeException(ErrorCode.InvalidArgument,
                    $"The tensor holds {info.ElementDataType} values; they were asked for as {typeof(T).Name} ({expected}).");
            void* data;
            var added = false;
            try {
                _handle.DangerousAddRef(ref added);
                OrtStatus.Check(OrtApi.GetTensorMutableData(_handle.DangerousGetHandle(), &data));
            } finally {
                if (added) _handle.DangerousRelease();
            }
            return new Span<T>(data, checked((int)info.ElementCount));
        }

        void RequireTensor()
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            if (!IsTensor) throw new OnnxRuntimeException(ErrorCode.InvalidArgument, $"This OrtValue holds {OnnxType}, not a tensor.");
        }

        unsafe TResult WithTypeAndShape<TResult>(Func<IntPtr, TResult> read)
        {
            var added = false;
            IntPtr info = IntPtr.Zero;
            try {
                _handle.DangerousAddRef(ref added);
                OrtStatus.Check(OrtApi.GetTensorTypeAndShape(_handle.DangerousGetHandle(), &info));
                return read(info);
            } finally {
                if (info != IntPtr.Zero) OrtApi.ReleaseTensorTypeAndShapeInfo(info);
                if (added) _handle.DangerousRelease();
            }
        }

        static unsafe OnnxValueType ReadValueType(OrtHandle handle)
        {
            int type;
            OrtStatus.Check(OrtApi.GetValueType(handle.DangerousGetHandle(), &type));
            return (OnnxValueType)type;
        }

        public void Dispose()
        {
            // The native value goes first: it points into the pinned memory.
            _handle.Dispose();
            _pin?.Dispose();
            _pin = null;
            GC.SuppressFinalize(this);
        }
    }
}

using System;

namespace Microsoft.ML.OnnxRuntime.Native
{
    /// <summary>
    /// Typed views of the C API's function table. The numbers are the functions' positions in OrtApi, which only grows
    /// at its end, so they hold for every library version that serves ApiVersion. Every function that returns an
    /// OrtStatus* (IntPtr here) goes through <see cref="OrtStatus.Check"/>.
    /// </summary>
    internal static unsafe class OrtApi
    {
        static IntPtr At(int index) => OrtLibrary.Table[index];

        public static delegate* unmanaged<IntPtr, int> GetErrorCode => (delegate* unmanaged<IntPtr, int>)At(1);
        public static delegate* unmanaged<IntPtr, byte*> GetErrorMessage => (delegate* unmanaged<IntPtr, byte*>)At(2);
        public static delegate* unmanaged<int, byte*, IntPtr*, IntPtr> CreateEnv => (delegate* unmanaged<int, byte*, IntPtr*, IntPtr>)At(3);
        public static delegate* unmanaged<IntPtr, byte*, IntPtr, IntPtr*, IntPtr> CreateSession =>
            (delegate* unmanaged<IntPtr, byte*, IntPtr, IntPtr*, IntPtr>)At(7);
        public static delegate* unmanaged<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr> CreateSessionFromArray =>
            (delegate* unmanaged<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr>)At(8);
        public static delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr> Run =>
            (delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr>)At(9);

        public static delegate* unmanaged<IntPtr*, IntPtr> CreateSessionOptions => (delegate* unmanaged<IntPtr*, IntPtr>)At(10);
        public static delegate* unmanaged<IntPtr, int, IntPtr> SetSessionGraphOptimizationLevel => (delegate* unmanaged<IntPtr, int, IntPtr>)At(23);
        public static delegate* unmanaged<IntPtr, int, IntPtr> SetIntraOpNumThreads => (delegate* unmanaged<IntPtr, int, IntPtr>)At(24);
        public static delegate* unmanaged<IntPtr, int, IntPtr> SetInterOpNumThreads => (delegate* unmanaged<IntPtr, int, IntPtr>)At(25);

        public static delegate* unmanaged<IntPtr, nuint*, IntPtr> SessionGetInputCount => (delegate* unmanaged<IntPtr, nuint*, IntPtr>)At(30);
        public static delegate* unmanaged<IntPtr, nuint*, IntPtr> SessionGetOutputCount => (delegate* unmanaged<IntPtr, nuint*, IntPtr>)At(31);
        public static delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr> SessionGetInputTypeInfo => (delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)At(33);
        public static delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr> SessionGetOutputTypeInfo => (delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)At(34);
        public static delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetInputName =>
            (delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr>)At(36);
        public static delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetOutputName =>
            (delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr>)At(37);

        public static delegate* unmanaged<IntPtr*, IntPtr> CreateRunOptions => (delegate* unmanaged<IntPtr*, IntPtr>)At(39);
        public static delegate* unmanaged<IntPtr, IntPtr> RunOptionsSetTerminate => (delegate* unmanaged<IntPtr, IntPtr>)At(46);
        public static delegate* unmanaged<IntPtr, IntPtr> RunOptionsUnsetTerminate => (delegate* unmanaged<IntPtr, IntPtr>)At(47);

        public static delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr> CreateTensorWithDataAsOrtValue =>
            (delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)At(49);
        public static delegate* unmanaged<IntPtr, void**, IntPtr> GetTensorMutableData => (delegate* unmanaged<IntPtr, void**, IntPtr>)At(51);
        public static delegate* unmanaged<IntPtr, IntPtr*, IntPtr> CastTypeInfoToTensorInfo => (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)At(55);
        public static delegate* unmanaged<IntPtr, int*, IntPtr> GetOnnxTypeFromTypeInfo => (delegate* unmanaged<IntPtr, int*, IntPtr>)At(56);
        public static delegate* unmanaged<IntPtr, int*, IntPtr> GetTensorElementType => (delegate* unmanaged<IntPtr, int*, IntPtr>)At(60);
        public static delegate* unmanaged<IntPtr, nuint*, IntPtr> GetDimensionsCount => (delegate* unmanaged<IntPtr, nuint*, IntPtr>)At(61);
        public static delegate* unmanaged<IntPtr, long*, nuint, IntPtr> GetDimensions => (delegate* unmanaged<IntPtr, long*, nuint, IntPtr>)At(62);
        public static delegate* unmanaged<IntPtr, byte**, nuint, IntPtr> GetSymbolicDimensions => (delegate* unmanaged<IntPtr, byte**, nuint, IntPtr>)At(63);
        public static delegate* unmanaged<IntPtr, nuint*, IntPtr> GetTensorShapeElementCount => (delegate* unmanaged<IntPtr, nuint*, IntPtr>)At(64);
        public static delegate* unmanaged<IntPtr, IntPtr*, IntPtr> GetTensorTypeAndShape => (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)At(65);
        public static delegate* unmanaged<IntPtr, int*, IntPtr> GetValueType => (delegate* unmanaged<IntPtr, int*, IntPtr>)At(67);
        public static delegate* unmanaged<int, int, IntPtr*, IntPtr> CreateCpuMemoryInfo => (delegate* unmanaged<int, int, IntPtr*, IntPtr>)At(69);
        public static delegate* unmanaged<IntPtr, void*, IntPtr> AllocatorFree => (delegate* unmanaged<IntPtr, void*, IntPtr>)At(76);
        public static delegate* unmanaged<IntPtr*, IntPtr> GetAllocatorWithDefaultOptions => (delegate* unmanaged<IntPtr*, IntPtr>)At(78);

        public static delegate* unmanaged<IntPtr, void> ReleaseEnv => (delegate* unmanaged<IntPtr, void>)At(92);
        public static delegate* unmanaged<IntPtr, void> ReleaseStatus => (delegate* unmanaged<IntPtr, void>)At(93);
        public static delegate* unmanaged<IntPtr, void> ReleaseMemoryInfo => (delegate* unmanaged<IntPtr, void>)At(94);
        public static delegate* unmanaged<IntPtr, void> ReleaseSession => (delegate* unmanaged<IntPtr, void>)At(95);
        public static delegate* unmanaged<IntPtr, void> ReleaseValue => (delegate* unmanaged<IntPtr, void>)At(96);
        public static delegate* unmanaged<IntPtr, void> ReleaseRunOptions => (delegate* unmanaged<IntPtr, void>)At(97);
        public static delegate* unmanaged<IntPtr, void> ReleaseTypeInfo => (delegate* unmanaged<IntPtr, void>)At(98);
        public static delegate* unmanaged<IntPtr, void> ReleaseTensorTypeAndShapeInfo => (delegate* unmanaged<IntPtr, void>)At(99);
        public static delegate* unmanaged<IntPtr, void> ReleaseSessionOptions => (delegate* unmanaged<IntPtr, void>)At(100);

        public static delegate* unmanaged<IntPtr, IntPtr*, IntPtr> SessionGetModelMetadata => (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)At(111);
        public static delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr> ModelMetadataGetProducerName => (delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr>)At(112);
        public static delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr> ModelMetadataGetGraphName => (delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr>)At(113);
        public static delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr> ModelMetadataGetDomain => (delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr>)At(114);
        public static delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr> ModelMetadataGetDescription => (delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr>)At(115);
        public static delegate* unmanaged<IntPtr, IntPtr, byte*, byte**, IntPtr> ModelMetadataLookupCustomMetadataMap =>
            (delegate* unmanaged<IntPtr, IntPtr, byte*, byte**, IntPtr>)At(116);
        public static delegate* unmanaged<IntPtr, long*, IntPtr> ModelMetadataGetVersion => (delegate* unmanaged<IntPtr, long*, IntPtr>)At(117);
        public static delegate* unmanaged<IntPtr, void> ReleaseModelMetadata => (delegate* unmanaged<IntPtr, void>)At(118);
        public static delegate* unmanaged<IntPtr, IntPtr, byte***, long*, IntPtr> ModelMetadataGetCustomMetadataMapKeys =>
            (delegate* unmanaged<IntPtr, IntPtr, byte***, long*, IntPtr>)At(123);

        public static delegate* unmanaged<IntPtr, void*, IntPtr> SessionOptionsAppendExecutionProvider_CUDA => (delegate* unmanaged<IntPtr, void*, IntPtr>)At(152);
    }
}

using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.ML.OnnxRuntime.Native;

namespace Microsoft.ML.OnnxRuntime
{
    /// <summary>The model's producer, graph name, version and its custom metadata (ONNX metadata_props).</summary>
    public class ModelMetadata
    {
        internal unsafe ModelMetadata(OrtHandle session)
        {
            IntPtr metadata;
            OrtStatus.Check(OrtApi.SessionGetModelMetadata(session.DangerousGetHandle(), &metadata));
            using var owner = new OrtHandle(metadata, OrtApi.ReleaseModelMetadata);
            var allocator = OrtStrings.DefaultAllocator;
            ProducerName = Read(OrtApi.ModelMetadataGetProducerName, metadata, allocator);
            GraphName = Read(OrtApi.ModelMetadataGetGraphName, metadata, allocator);
            Domain = Read(OrtApi.ModelMetadataGetDomain, metadata, allocator);
            Description = Read(OrtApi.ModelMetadataGetDescription, metadata, allocator);
            long version;
            OrtStatus.Check(OrtApi.ModelMetadataGetVersion(metadata, &version));
            Version = version;

            byte** keys = null;
            long count;
            OrtStatus.Check(OrtApi.ModelMetadataGetCustomMetadataMapKeys(metadata, allocator, &keys, &count));
            try {
                for (long i = 0; i < count; i++) {
                    var key = System.Runtime.InteropServices.Marshal.PtrToStringUTF8((IntPtr)keys[i]) ?? "";
                    var keyBytes = Encoding.UTF8.GetBytes(key + "\0");
                    byte* value;
                    fixed (byte* k = keyBytes) OrtStatus.Check(OrtApi.ModelMetadataLookupCustomMetadataMap(metadata, allocator, k, &value));
                    CustomMetadataMap[key] = OrtStrings.TakeUtf8(value);
                }
            } finally {
                if (keys != null) {
                    for (long i = 0; i < count; i++) OrtApi.AllocatorFree(allocator, keys[i]);
                    OrtApi.AllocatorFree(allocator, keys);
                }
            }
        }

        static unsafe string Read(delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr> getter, IntPtr metadata, IntPtr allocator)
        {
            byte* text;
            OrtStatus.Check(getter(metadata, allocator, &text));
            return OrtStrings.TakeUtf8(text);
        }

        public string ProducerName { get; }
        public string GraphName { get; }
        public string Domain { get; }
        public string Description { get; }
        public long Version { get; }
        public Dictionary<string, string> CustomMetadataMap { get; } = new();
    }
}

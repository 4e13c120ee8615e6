namespace TorchSharp
{
    /// <summary>Element types, numbered as libtorch (and TorchSharp) number them.</summary>
    public enum ScalarType : sbyte
    {
        Byte = 0,
        Int8 = 1,
        Int16 = 2,
        Int32 = 3,
        Int64 = 4,
        Float16 = 5,
        Float32 = 6,
        Float64 = 7,
        ComplexFloat32 = 9,
        ComplexFloat64 = 10,
        Bool = 11,
        BFloat16 = 15,
    }

    public enum DeviceType
    {
        CPU = 0,
        CUDA = 1,
    }
}

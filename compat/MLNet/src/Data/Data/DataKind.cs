namespace Microsoft.ML.Data
{
    /// <summary>The element kinds a column can be converted to.</summary>
    public enum DataKind : byte
    {
        SByte = 1,
        Byte = 2,
        Int16 = 3,
        UInt16 = 4,
        Int32 = 5,
        UInt32 = 6,
        Int64 = 7,
        UInt64 = 8,
        Single = 9,
        Double = 10,
        String = 11,
        Boolean = 12,
    }
}

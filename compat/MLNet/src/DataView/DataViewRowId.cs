using System;

namespace Microsoft.ML.Data
{
    /// <summary>A 128-bit row identifier, consistent across cursors of one data view.</summary>
    public readonly struct DataViewRowId : IComparable<DataViewRowId>, IEquatable<DataViewRowId>
    {
        public readonly ulong Low;
        public readonly ulong High;

        public DataViewRowId(ulong low, ulong high)
        {
            Low = low;
            High = high;
        }

        public override string ToString() => $"0x{High:x16}{Low:x16}";

        public bool Equals(DataViewRowId other) => Low == other.Low && High == other.High;

        public override bool Equals(object obj) => obj is DataViewRowId other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(Low, High);

        public int CompareTo(DataViewRowId other)
        {
            int high = High.CompareTo(other.High);
            return high != 0 ? high : Low.CompareTo(other.Low);
        }

        public static bool operator ==(DataViewRowId a, DataViewRowId b) => a.Equals(b);
        public static bool operator !=(DataViewRowId a, DataViewRowId b) => !a.Equals(b);
        public static bool operator <(DataViewRowId a, DataViewRowId b) => a.CompareTo(b) < 0;
        public static bool operator >(DataViewRowId a, DataViewRowId b) => a.CompareTo(b) > 0;
        public static bool operator <=(DataViewRowId a, DataViewRowId b) => a.CompareTo(b) <= 0;
        public static bool operator >=(DataViewRowId a, DataViewRowId b) => a.CompareTo(b) >= 0;
    }
}

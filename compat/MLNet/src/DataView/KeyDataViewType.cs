using System;

namespace Microsoft.ML.Data
{
    /// <summary>
    /// Ids of a set of <see cref="Count"/> values, held in an unsigned integer. 0 means missing; valid values are 1..Count.
    /// </summary>
    public sealed class KeyDataViewType : PrimitiveDataViewType
    {
        public KeyDataViewType(Type type, ulong count)
            : base(type)
        {
            if (!IsValidDataType(type))
                throw new ArgumentOutOfRangeException(nameof(type), $"Type is not valid, it must be {typeof(byte).Name}, {typeof(ushort).Name}, {typeof(uint).Name}, or {typeof(ulong).Name}.");
            if (count == 0 || MaxValue(type) < count)
                throw new ArgumentOutOfRangeException(nameof(count), $"The cardinality of a {nameof(KeyDataViewType)} must not exceed {type.Name}.MaxValue and must be strictly positive but got {count}.");
            Count = count;
        }

        public KeyDataViewType(Type type, int count)
            : this(type, count > 0 ? (ulong)count : throw new ArgumentOutOfRangeException(nameof(count), $"The cardinality of a {nameof(KeyDataViewType)} must be strictly positive."))
        {
        }

        internal static bool IsValidDataType(Type type)
            => type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong);

        private static ulong MaxValue(Type type)
            => type == typeof(byte) ? byte.MaxValue : type == typeof(ushort) ? ushort.MaxValue : type == typeof(uint) ? uint.MaxValue : ulong.MaxValue;

        /// <summary>How many distinct values the key takes.</summary>
        public ulong Count { get; }

        public override bool Equals(DataViewType other)
            => ReferenceEquals(other, this) || other is KeyDataViewType key && key.RawType == RawType && key.Count == Count;

        public override bool Equals(object other) => other is DataViewType type && Equals(type);

        public override int GetHashCode() => HashCode.Combine(RawType, Count);

        public override string ToString() => $"Key<{RawType.Name}, 0-{Count - 1}>";
    }
}

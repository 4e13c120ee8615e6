using System;

namespace Microsoft.ML.Data
{
    /// <summary>The type of a column: what it means and which .NET type (<see cref="RawType"/>) holds its values.</summary>
    public abstract class DataViewType : IEquatable<DataViewType>
    {
        protected DataViewType(Type rawType)
        {
            RawType = rawType ?? throw new ArgumentNullException(nameof(rawType));
        }

        /// <summary>The .NET type a <see cref="ValueGetter{TValue}"/> of this column reads.</summary>
        public Type RawType { get; }

        public abstract bool Equals(DataViewType other);
    }

    /// <summary>Types whose values are built of several parts, such as vectors.</summary>
    public abstract class StructuredDataViewType : DataViewType
    {
        protected StructuredDataViewType(Type rawType)
            : base(rawType)
        {
        }
    }

    /// <summary>Types of single, immutable values: numbers, text, booleans, keys.</summary>
    public abstract class PrimitiveDataViewType : DataViewType
    {
        protected PrimitiveDataViewType(Type rawType)
            : base(rawType)
        {
            if (typeof(IDisposable).IsAssignableFrom(RawType))
                throw new ArgumentException("A primitive type cannot be disposable.", nameof(rawType));
        }
    }

    /// <summary>Text, held as <see cref="ReadOnlyMemory{T}"/> of char.</summary>
    public sealed class TextDataViewType : PrimitiveDataViewType
    {
        public static TextDataViewType Instance { get; } = new TextDataViewType();

        private TextDataViewType()
            : base(typeof(ReadOnlyMemory<char>))
        {
        }

        public override bool Equals(DataViewType other) => ReferenceEquals(other, this);
        public override bool Equals(object other) => other is DataViewType type && Equals(type);
        public override int GetHashCode() => RawType.GetHashCode();
        public override string ToString() => "String";
    }

    /// <summary>The numeric types; one instance each.</summary>
    public sealed class NumberDataViewType : PrimitiveDataViewType
    {
        private NumberDataViewType(Type rawType)
            : base(rawType)
        {
        }

        public static NumberDataViewType SByte { get; } = new NumberDataViewType(typeof(sbyte));
        public static NumberDataViewType Byte { get; } = new NumberDataViewType(typeof(byte));
        public static NumberDataViewType Int16 { get; } = new NumberDataViewType(typeof(short));
        public static NumberDataViewType UInt16 { get; } = new NumberDataViewType(typeof(ushort));
        public static NumberDataViewType Int32 { get; } = new NumberDataViewType(typeof(int));
        public static NumberDataViewType UInt32 { get; } = new NumberDataViewType(typeof(uint));
        public static NumberDataViewType Int64 { get; } = new NumberDataViewType(typeof(long));
        public static NumberDataViewType UInt64 { get; } = new NumberDataViewType(typeof(ulong));
        public static NumberDataViewType Single { get; } = new NumberDataViewType(typeof(float));
        public static NumberDataViewType Double { get; } = new NumberDataViewType(typeof(double));

        public override bool Equals(DataViewType other) => ReferenceEquals(other, this);
        public override bool Equals(object other) => other is DataViewType type && Equals(type);
        public override int GetHashCode() => RawType.GetHashCode();
        public override string ToString() => RawType.Name;
    }

    /// <summary>The type of <see cref="DataViewRowId"/> values.</summary>
    public sealed class RowIdDataViewType : PrimitiveDataViewType
    {
        public static RowIdDataViewType Instance { get; } = new RowIdDataViewType();

        private RowIdDataViewType()
            : base(typeof(DataViewRowId))
        {
        }

        public override bool Equals(DataViewType other) => ReferenceEquals(other, this);
        public override bool Equals(object other) => other is DataViewType type && Equals(type);
        public override int GetHashCode() => RawType.GetHashCode();
        public override string ToString() => "DataViewRowId";
    }

    /// <summary>Booleans.</summary>
    public sealed class BooleanDataViewType : PrimitiveDataViewType
    {
        public static BooleanDataViewType Instance { get; } = new BooleanDataViewType();

        private BooleanDataViewType()
            : base(typeof(bool))
        {
        }

        public override bool Equals(DataViewType other) => ReferenceEquals(other, this);
        public override bool Equals(object other) => other is DataViewType type && Equals(type);
        public override int GetHashCode() => RawType.GetHashCode();
        public override string ToString() => "Boolean";
    }
}

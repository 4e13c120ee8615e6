using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;

namespace Microsoft.ML.Data
{
    /// <summary>Vectors of a primitive item type, held in <see cref="VBuffer{T}"/>. Size 0 means the length varies.</summary>
    public sealed class VectorDataViewType : StructuredDataViewType
    {
        public VectorDataViewType(PrimitiveDataViewType itemType, int size = 0)
            : base(BufferOf(itemType))
        {
            if (size < 0)
                throw new ArgumentOutOfRangeException(nameof(size));
            ItemType = itemType;
            Size = size;
            Dimensions = ImmutableArray.Create(size);
        }

        public VectorDataViewType(PrimitiveDataViewType itemType, params int[] dimensions)
            : this(itemType, CheckDimensions(dimensions).ToImmutableArray())
        {
        }

        public VectorDataViewType(PrimitiveDataViewType itemType, ImmutableArray<int> dimensions)
            : base(BufferOf(itemType))
        {
            if (dimensions.IsDefaultOrEmpty || dimensions.Any(d => d < 0))
                throw new ArgumentOutOfRangeException(nameof(dimensions));
            ItemType = itemType;
            Dimensions = dimensions;
            int size = 1;
            foreach (int d in dimensions)
                size = checked(size * d);
            Size = size;
        }

        private static int[] CheckDimensions(int[] dimensions)
            => dimensions == null || dimensions.Length == 0 ? throw new ArgumentOutOfRangeException(nameof(dimensions)) : dimensions;

        private static Type BufferOf(PrimitiveDataViewType itemType)
            => typeof(VBuffer<>).MakeGenericType((itemType ?? throw new ArgumentNullException(nameof(itemType))).RawType);

        /// <summary>The shape; the buffer holds the values flattened, last dimension fastest. 0 is an unknown dimension.</summary>
        public ImmutableArray<int> Dimensions { get; }

        public bool IsKnownSize => Size > 0;

        public PrimitiveDataViewType ItemType { get; }

        /// <summary>The product of <see cref="Dimensions"/>; 0 when unknown.</summary>
        public int Size { get; }

        public override bool Equals(DataViewType other)
            => ReferenceEquals(other, this)
               || other is VectorDataViewType vector && vector.ItemType.Equals(ItemType) && vector.Size == Size
                  && vector.Dimensions.SequenceEqual(Dimensions);

        public override bool Equals(object other) => other is DataViewType type && Equals(type);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(ItemType);
            hash.Add(Size);
            foreach (int d in Dimensions)
                hash.Add(d);
            return hash.ToHashCode();
        }

        public override string ToString()
        {
            var text = new StringBuilder("Vector<").Append(ItemType);
            if (Dimensions.Length == 1)
            {
                if (Size > 0)
                    text.Append(", ").Append(Size);
            }
            else
            {
                foreach (int d in Dimensions)
                    text.Append(", ").Append(d > 0 ? d.ToString() : "*");
            }
            return text.Append('>').ToString();
        }
    }
}

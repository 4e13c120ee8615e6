using System;
using System.Collections.Generic;
using System.Linq;

namespace Microsoft.ML.Data
{
    /// <summary>Data view types and schemas as plain records, for model files.</summary>
    internal static class TypeCodec
    {
        public sealed class TypeRecord
        {
            public string Kind { get; set; } = "";
            public string Raw { get; set; } = "";
            public ulong Count { get; set; }
            public int[] Dimensions { get; set; }
            public TypeRecord Item { get; set; }
        }

        public sealed class ColumnRecord
        {
            public string Name { get; set; } = "";
            public TypeRecord Type { get; set; } = new();
        }

        public static TypeRecord Encode(DataViewType type) => type switch
        {
            VectorDataViewType v => new TypeRecord { Kind = "Vector", Item = Encode(v.ItemType), Dimensions = v.Dimensions.ToArray() },
            KeyDataViewType k => new TypeRecord { Kind = "Key", Raw = k.RawType.Name, Count = k.Count },
            TextDataViewType => new TypeRecord { Kind = "Text" },
            BooleanDataViewType => new TypeRecord { Kind = "Boolean" },
            NumberDataViewType n => new TypeRecord { Kind = "Number", Raw = n.RawType.Name },
            RowIdDataViewType => new TypeRecord { Kind = "RowId" },
            _ => throw new NotSupportedException($"A column of type {type} cannot be written to a model file.")
        };

        public static DataViewType Decode(TypeRecord record) => record.Kind switch
        {
            "Vector" => new VectorDataViewType((PrimitiveDataViewType)Decode(record.Item), record.Dimensions),
            "Key" => new KeyDataViewType(RawOf(record.Raw), record.Count),
            "Text" => TextDataViewType.Instance,
            "Boolean" => BooleanDataViewType.Instance,
            "Number" => MemberColumn.PrimitiveOf(RawOf(record.Raw)),
            "RowId" => RowIdDataViewType.Instance,
            _ => throw new FormatException($"Unknown column type '{record.Kind}' in the model file.")
        };

        private static Type RawOf(string name)
            => Type.GetType("System." + name) ?? throw new FormatException($"Unknown raw type '{name}' in the model file.");

        public static ColumnRecord[] Encode(DataViewSchema schema)
            => schema.Select(c => new ColumnRecord { Name = c.Name, Type = Encode(c.Type) }).ToArray();

        public static DataViewSchema Decode(IEnumerable<ColumnRecord> columns)
        {
            var builder = new DataViewSchema.Builder();
            foreach (var column in columns)
                builder.AddColumn(column.Name, Decode(column.Type));
            return builder.ToSchema();
        }
    }
}

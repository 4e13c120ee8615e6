using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;

namespace Microsoft.ML.Data
{
    /// <summary>
    /// The columns a .NET class stands for: its public fields, then its public properties, minus [NoColumn]. Each
    /// column knows its data view type and how to read it from (or write it into) an instance.
    /// </summary>
    internal sealed class TypeSchema
    {
        public enum Direction { Read, Write }

        private TypeSchema(Type type, MemberColumn[] columns)
        {
            Type = type;
            Columns = columns;
        }

        public Type Type { get; }
        public MemberColumn[] Columns { get; }

        private static readonly Dictionary<(Type, Direction), TypeSchema> Cache = new();

        /// <summary>Read: values come out of instances (data from objects). Write: values go into instances.</summary>
        public static TypeSchema Of(Type type, Direction direction)
        {
            lock (Cache)
            {
                if (!Cache.TryGetValue((type, direction), out var schema))
                    Cache[(type, direction)] = schema = Build(type, direction);
                return schema;
            }
        }

        private static TypeSchema Build(Type type, Direction direction)
        {
            var members = new List<MemberInfo>();
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
                if (!(direction == Direction.Write && field.IsInitOnly))
                    members.Add(field);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                if (property.GetIndexParameters().Length == 0
                    && (direction == Direction.Read ? property.CanRead : property.CanWrite))
                    members.Add(property);
            var columns = members.Where(m => m.GetCustomAttribute<NoColumnAttribute>() == null)
                .Select(m => new MemberColumn(type, m)).ToArray();
            var duplicate = columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null)
                throw new InvalidOperationException($"Duplicate column name '{duplicate.Key}' is present in type '{type.Name}'.");
            return new TypeSchema(type, columns);
        }

        public DataViewSchema ToSchema()
        {
            var builder = new DataViewSchema.Builder();
            foreach (var column in Columns)
                builder.AddColumn(column.Name, column.ColumnType);
            return builder.ToSchema();
        }
    }

    /// <summary>One member of a class as a column.</summary>
    internal sealed class MemberColumn
    {
        public MemberColumn(Type owner, MemberInfo member)
        {
            Member = member;
            MemberType = member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;
            Name = member.GetCustomAttribute<ColumnNameAttribute>()?.Name ?? member.Name;
            Load = member.GetCustomAttribute<LoadColumnAttribute>();
            ColumnType = TypeOf(owner, member, MemberType);
            Owner = owner;
        }

        public Type Owner { get; }
        public MemberInfo Member { get; }
        public Type MemberType { get; }
        public string Name { get; }
        public DataViewType ColumnType { get; }
        public LoadColumnAttribute Load { get; }

        /// <summary>The declared vector size, 0 when the length may vary.</summary>
        public int VectorSize => ColumnType is VectorDataViewType v ? v.Size : 0;

        private static DataViewType TypeOf(Type owner, MemberInfo member, Type memberType)
        {
            var vectorAttribute = member.GetCustomAttribute<VectorTypeAttribute>();
            var key = member.GetCustomAttribute<KeyTypeAttribute>();
            Type itemType = memberType.IsArray ? memberType.GetElementType()
                : memberType.IsGenericType && memberType.GetGenericTypeDefinition() == typeof(VBuffer<>) ? memberType.GetGenericArguments()[0]
                : null;
            if (itemType != null)
            {
                var item = PrimitiveOf(itemType, key, owner, member);
                var dims = vectorAttribute?.Dimensions;
                return dims == null ? new VectorDataViewType(item) : new VectorDataViewType(item, dims);
            }
            if (vectorAttribute != null)
                throw new InvalidOperationException($"Member '{member.Name}' of type '{owner.Name}' has [VectorType] but is not an array or VBuffer.");
            return PrimitiveOf(memberType, key, owner, member);
        }

        internal static PrimitiveDataViewType PrimitiveOf(Type type, KeyTypeAttribute key, Type owner, MemberInfo member)
        {
            if (key != null)
            {
                if (!KeyDataViewType.IsValidDataType(type))
                    throw new InvalidOperationException($"Member '{member.Name}' of type '{owner.Name}' has [KeyType] but is not byte, ushort, uint or ulong.");
                return new KeyDataViewType(type, key.Count);
            }
            return PrimitiveOf(type) ?? throw new InvalidOperationException(
                $"Could not determine an IDataView type for member '{member.Name}' of type '{owner.Name}': {type.Name} is not supported.");
        }

        internal static PrimitiveDataViewType PrimitiveOf(Type type)
        {
            if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>)) return TextDataViewType.Instance;
            if (type == typeof(bool)) return BooleanDataViewType.Instance;
            if (type == typeof(float)) return NumberDataViewType.Single;
            if (type == typeof(double)) return NumberDataViewType.Double;
            if (type == typeof(sbyte)) return NumberDataViewType.SByte;
            if (type == typeof(byte)) return NumberDataViewType.Byte;
            if (type == typeof(short)) return NumberDataViewType.Int16;
            if (type == typeof(ushort)) return NumberDataViewType.UInt16;
            if (type == typeof(int)) return NumberDataViewType.Int32;
            if (type == typeof(uint)) return NumberDataViewType.UInt32;
            if (type == typeof(long)) return NumberDataViewType.Int64;
            if (type == typeof(ulong)) return NumberDataViewType.UInt64;
            return null;
        }

        /// <summary>A getter reading this member of the row object <paramref name="current"/> returns.</summary>
        public Delegate MakeGetter<TRow>(Func<TRow> current)
            => (Delegate)typeof(MemberColumn).GetMethod(nameof(MakeGetterCore), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(typeof(TRow), MemberType).Invoke(this, new object[] { current });

        private Delegate MakeGetterCore<TRow, TMember>(Func<TRow> current)
        {
            var read = Accessor<TRow, TMember>();
            string name = Name;
            if (typeof(TMember) == typeof(string))
            {
                var readText = (Func<TRow, string>)(object)read;
                return (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> dst) => dst = (readText(current()) ?? "").AsMemory());
            }
            if (typeof(TMember).IsArray)
                return (Delegate)typeof(MemberColumn).GetMethod(nameof(ArrayGetter), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(typeof(TRow), typeof(TMember).GetElementType()).Invoke(null, new object[] { read, current, name, VectorSize });
            return (ValueGetter<TMember>)((ref TMember dst) => dst = read(current()));
        }

        private static ValueGetter<VBuffer<TItem>> ArrayGetter<TRow, TItem>(Func<TRow, TItem[]> read, Func<TRow> current, string name, int size)
        {
            return (ref VBuffer<TItem> dst) =>
            {
                var values = read(current()) ?? Array.Empty<TItem>();
                if (size > 0 && values.Length != size)
                    throw new InvalidOperationException($"Column '{name}' is declared as a vector of size {size}, but a row holds {values.Length} values.");
                var editor = VBufferEditor.Create(ref dst, values.Length);
                values.AsSpan().CopyTo(editor.Values);
                dst = editor.Commit();
            };
        }

        /// <summary>An action that reads the value of <paramref name="column"/> from <paramref name="row"/> into the object.</summary>
        public Action<TRow> MakeSetter<TRow>(DataViewRow row, DataViewSchema.Column column)
            => (Action<TRow>)typeof(MemberColumn).GetMethod(nameof(MakeSetterCore), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(typeof(TRow), MemberType).Invoke(this, new object[] { row, column });

        private Action<TRow> MakeSetterCore<TRow, TMember>(DataViewRow row, DataViewSchema.Column column)
        {
            var write = Assigner<TRow, TMember>();
            if (typeof(TMember) == typeof(string))
            {
                var text = row.GetGetter<ReadOnlyMemory<char>>(column);
                var writeText = (Action<TRow, string>)(object)write;
                return obj => { ReadOnlyMemory<char> v = default; text(ref v); writeText(obj, v.ToString()); };
            }
            if (typeof(TMember).IsArray)
                return (Action<TRow>)typeof(MemberColumn).GetMethod(nameof(ArraySetter), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(typeof(TRow), typeof(TMember).GetElementType()).Invoke(null, new object[] { write, row, column });
            var getter = row.GetGetter<TMember>(column);
            return obj => { TMember v = default; getter(ref v); write(obj, v); };
        }

        private static Action<TRow> ArraySetter<TRow, TItem>(Action<TRow, TItem[]> write, DataViewRow row, DataViewSchema.Column column)
        {
            var getter = row.GetGetter<VBuffer<TItem>>(column);
            VBuffer<TItem> buffer = default;
            return obj =>
            {
                getter(ref buffer);
                var values = new TItem[buffer.Length];
                buffer.CopyTo(values);
                write(obj, values);
            };
        }

        /// <summary>Whether a data column of <paramref name="type"/> can fill this member.</summary>
        public bool Accepts(DataViewType type)
        {
            if (ColumnType is VectorDataViewType mine)
                return type is VectorDataViewType theirs && theirs.ItemType.Equals(mine.ItemType) && (!mine.IsKnownSize || mine.Size == theirs.Size);
            if (ColumnType is KeyDataViewType)
                return type is KeyDataViewType key && key.RawType == ColumnType.RawType;
            return ColumnType.Equals(type) || type is KeyDataViewType k && k.RawType == MemberType;
        }

        private Func<TRow, TMember> Accessor<TRow, TMember>()
        {
            var obj = Expression.Parameter(typeof(TRow), "row");
            return Expression.Lambda<Func<TRow, TMember>>(Expression.MakeMemberAccess(obj, Member), obj).Compile();
        }

        private Action<TRow, TMember> Assigner<TRow, TMember>()
        {
            var obj = Expression.Parameter(typeof(TRow), "row");
            var value = Expression.Parameter(typeof(TMember), "value");
            return Expression.Lambda<Action<TRow, TMember>>(Expression.Assign(Expression.MakeMemberAccess(obj, Member), value), obj, value).Compile();
        }
    }
}

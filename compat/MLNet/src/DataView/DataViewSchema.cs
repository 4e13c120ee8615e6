using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.Data;

namespace Microsoft.ML
{
    /// <summary>
    /// The columns of a data view or row. Several columns may share a name: the one with the largest index is the
    /// visible one, the others are hidden and reachable by index only.
    /// </summary>
    public sealed class DataViewSchema : IReadOnlyList<DataViewSchema.Column>
    {
        private readonly Column[] _columns;
        private readonly Dictionary<string, int> _byName;

        private DataViewSchema(Column[] columns)
        {
            _columns = columns;
            _byName = new Dictionary<string, int>();
            for (int i = 0; i < columns.Length; i++)
                _byName[columns[i].Name] = i;
        }

        public int Count => _columns.Length;

        /// <summary>The visible column of that name; throws when there is none.</summary>
        public Column this[string name]
        {
            get
            {
                if (string.IsNullOrEmpty(name))
                    throw new ArgumentNullException(nameof(name));
                if (!_byName.TryGetValue(name, out int index))
                    throw new ArgumentOutOfRangeException(nameof(name), $"Column '{name}' not found");
                return _columns[index];
            }
        }

        public Column this[int columnIndex]
        {
            get
            {
                if (columnIndex < 0 || columnIndex >= _columns.Length)
                    throw new ArgumentOutOfRangeException(nameof(columnIndex));
                return _columns[columnIndex];
            }
        }

        public Column? GetColumnOrNull(string name)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentNullException(nameof(name));
            return _byName.TryGetValue(name, out int index) ? _columns[index] : null;
        }

        public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"{Count} columns";

        /// <summary>One column of a particular schema.</summary>
        public struct Column
        {
            public string Name { get; }
            public int Index { get; }
            public bool IsHidden { get; }
            public DataViewType Type { get; }
            public Annotations Annotations { get; }

            internal Column(string name, int index, bool isHidden, DataViewType type, Annotations annotations)
            {
                if (string.IsNullOrEmpty(name))
                    throw new ArgumentNullException(nameof(name));
                if (index < 0)
                    throw new ArgumentOutOfRangeException(nameof(index));
                Name = name;
                Index = index;
                IsHidden = isHidden;
                Type = type ?? throw new ArgumentNullException(nameof(type));
                Annotations = annotations ?? Annotations.Empty;
            }

            public override string ToString()
            {
                string annotations = Annotations == null || Annotations.Schema.Count == 0
                    ? "" : " {" + string.Join(", ", Annotations.Schema.Select(c => c.Name)) + "}";
                return $"{Name}: {Type}{annotations}";
            }
        }

        /// <summary>A column description not attached to any schema.</summary>
        public struct DetachedColumn
        {
            public string Name { get; }
            public DataViewType Type { get; }
            public Annotations Annotations { get; }

            public DetachedColumn(string name, DataViewType type, Annotations annotations = null)
            {
                if (string.IsNullOrEmpty(name))
                    throw new ArgumentNullException(nameof(name));
                Name = name;
                Type = type ?? throw new ArgumentNullException(nameof(type));
                Annotations = annotations ?? Annotations.Empty;
            }

            public DetachedColumn(Column column)
            {
                Name = column.Name;
                Type = column.Type;
                Annotations = column.Annotations;
            }
        }

        /// <summary>Named values attached to a column (slot names, key values...), themselves a one-row table.</summary>
        public sealed class Annotations
        {
            private readonly Delegate[] _getters;

            public DataViewSchema Schema { get; }

            public static Annotations Empty { get; } = new Annotations(new DataViewSchema(Array.Empty<Column>()), Array.Empty<Delegate>());

            internal Annotations(DataViewSchema schema, Delegate[] getters)
            {
                for (int i = 0; i < schema.Count; i++)
                {
                    var expected = typeof(ValueGetter<>).MakeGenericType(schema[i].Type.RawType);
                    if (getters[i] == null || !expected.IsInstanceOfType(getters[i]))
                        throw new ArgumentException($"The getter of annotation '{schema[i].Name}' must be a {expected.Name} of {schema[i].Type.RawType.Name}.", nameof(getters));
                }
                Schema = schema;
                _getters = getters;
            }

            public ValueGetter<TValue> GetGetter<TValue>(Column column)
            {
                if (column.Index < 0 || column.Index >= _getters.Length)
                    throw new ArgumentException(nameof(column));
                return _getters[column.Index] as ValueGetter<TValue>
                    ?? throw new InvalidOperationException($"Invalid call to '{nameof(GetGetter)}'");
            }

            public void GetValue<TValue>(string kind, ref TValue value)
            {
                var column = Schema.GetColumnOrNull(kind)
                    ?? throw new InvalidOperationException($"Invalid call to '{nameof(GetValue)}'");
                GetGetter<TValue>(column)(ref value);
            }

            public override string ToString() => string.Join(", ", Schema.Select(c => c.Name));

            internal Delegate GetGetterInternal(int index) => _getters[index];

            /// <summary>Builds an <see cref="Annotations"/> one value at a time.</summary>
            public sealed class Builder
            {
                private readonly List<(string Name, DataViewType Type, Delegate Getter, Annotations Annotations)> _items = new();

                public Builder()
                {
                }

                public void Add(Annotations annotations, Func<string, bool> selector)
                {
                    if (annotations == null)
                        return;
                    if (selector == null)
                        throw new ArgumentNullException(nameof(selector));
                    foreach (var column in annotations.Schema)
                        if (selector(column.Name))
                            _items.Add((column.Name, column.Type, annotations.GetGetterInternal(column.Index), column.Annotations));
                }

                public void Add<TValue>(string name, DataViewType type, ValueGetter<TValue> getter, Annotations annotations = null)
                {
                    CheckNameAndType(name, type);
                    if (getter == null)
                        throw new ArgumentNullException(nameof(getter));
                    if (type.RawType != typeof(TValue))
                        throw new ArgumentException($"{nameof(type)}.{nameof(type.RawType)} must be of type '{typeof(TValue).FullName}'.", nameof(type));
                    _items.Add((name, type, getter, annotations));
                }

                public void Add(string name, DataViewType type, Delegate getter, Annotations annotations = null)
                {
                    CheckNameAndType(name, type);
                    if (getter == null)
                        throw new ArgumentNullException(nameof(getter));
                    var expected = typeof(ValueGetter<>).MakeGenericType(type.RawType);
                    if (!expected.IsInstanceOfType(getter))
                        throw new ArgumentException($"{nameof(getter)} must be of type '{expected.FullName}'", nameof(getter));
                    _items.Add((name, type, getter, annotations));
                }

                public void AddPrimitiveValue<TValue>(string name, PrimitiveDataViewType type, TValue value, Annotations annotations = null)
                {
                    CheckNameAndType(name, type);
                    if (type.RawType != typeof(TValue))
                        throw new ArgumentException($"{nameof(type)}.{nameof(type.RawType)} must be of type '{typeof(TValue).FullName}'.", nameof(type));
                    Add(name, type, (ref TValue dst) => dst = value, annotations);
                }

                public Annotations ToAnnotations()
                {
                    var schema = new DataViewSchema.Builder();
                    foreach (var item in _items)
                        schema.AddColumn(item.Name, item.Type, item.Annotations);
                    return new Annotations(schema.ToSchema(), _items.Select(i => i.Getter).ToArray());
                }

                private static void CheckNameAndType(string name, DataViewType type)
                {
                    if (string.IsNullOrEmpty(name))
                        throw new ArgumentNullException(nameof(name));
                    if (type == null)
                        throw new ArgumentNullException(nameof(type));
                }
            }
        }

        /// <summary>Builds a <see cref="DataViewSchema"/> column by column.</summary>
        public sealed class Builder
        {
            private readonly List<(string Name, DataViewType Type, Annotations Annotations)> _items = new();

            public Builder()
            {
            }

            public void AddColumn(string name, DataViewType type, Annotations annotations = null)
            {
                if (string.IsNullOrEmpty(name))
                    throw new ArgumentNullException(nameof(name));
                if (type == null)
                    throw new ArgumentNullException(nameof(type));
                _items.Add((name, type, annotations));
            }

            public void AddColumns(IEnumerable<Column> source)
            {
                foreach (var column in source)
                    AddColumn(column.Name, column.Type, column.Annotations);
            }

            public void AddColumns(IEnumerable<DetachedColumn> source)
            {
                foreach (var column in source)
                    AddColumn(column.Name, column.Type, column.Annotations);
            }

            public DataViewSchema ToSchema()
            {
                var lastIndex = new Dictionary<string, int>();
                for (int i = 0; i < _items.Count; i++)
                    lastIndex[_items[i].Name] = i;
                var columns = new Column[_items.Count];
                for (int i = 0; i < columns.Length; i++)
                    columns[i] = new Column(_items[i].Name, i, lastIndex[_items[i].Name] != i, _items[i].Type, _items[i].Annotations);
                return new DataViewSchema(columns);
            }
        }
    }
}

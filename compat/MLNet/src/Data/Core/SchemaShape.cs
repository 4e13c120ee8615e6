using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.Data;

namespace Microsoft.ML
{
    /// <summary>
    /// What an estimator knows of a schema before any data: names, scalar/vector kind, item types. Used to check a
    /// pipeline end to end before Fit.
    /// </summary>
    public sealed class SchemaShape : IReadOnlyList<SchemaShape.Column>
    {
        private readonly Column[] _columns;

        public SchemaShape(IEnumerable<Column> columns)
        {
            if (columns == null)
                throw new ArgumentNullException(nameof(columns));
            _columns = columns.ToArray();
            if (_columns.Any(c => !c.IsValid))
                throw new ArgumentException("Every column of a schema shape must be valid.", nameof(columns));
        }

        public int Count => _columns.Length;

        public Column this[int index] => _columns[index];

        public bool TryFindColumn(string name, out Column column)
        {
            if (name == null)
                throw new ArgumentNullException(nameof(name));
            column = _columns.FirstOrDefault(c => c.Name == name);
            return column.IsValid;
        }

        public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>The shape of a schema: visible columns only, keys reported as their number type.</summary>
        internal static SchemaShape Create(DataViewSchema schema)
        {
            if (schema == null)
                throw new ArgumentNullException(nameof(schema));
            var columns = new List<Column>();
            foreach (var column in schema)
            {
                if (column.IsHidden)
                    continue;
                GetColumnTypeShape(column.Type, out var kind, out var itemType, out bool isKey);
                var annotations = column.Annotations.Schema.Select(a =>
                {
                    GetColumnTypeShape(a.Type, out var ak, out var ai, out bool akey);
                    return new Column(a.Name, ak, ai, akey);
                });
                columns.Add(new Column(column.Name, kind, itemType, isKey, new SchemaShape(annotations)));
            }
            return new SchemaShape(columns);
        }

        internal static void GetColumnTypeShape(DataViewType type, out Column.VectorKind kind, out DataViewType itemType, out bool isKey)
        {
            if (type is VectorDataViewType vector)
            {
                kind = vector.IsKnownSize ? Column.VectorKind.Vector : Column.VectorKind.VariableVector;
                itemType = vector.ItemType;
            }
            else
            {
                kind = Column.VectorKind.Scalar;
                itemType = type;
            }
            isKey = itemType is KeyDataViewType;
            if (isKey)
                itemType = NumberOf(itemType.RawType);
        }

        private static DataViewType NumberOf(Type raw)
            => raw == typeof(byte) ? NumberDataViewType.Byte : raw == typeof(ushort) ? NumberDataViewType.UInt16
             : raw == typeof(uint) ? NumberDataViewType.UInt32 : NumberDataViewType.UInt64;

        /// <summary>One column's shape.</summary>
        public readonly struct Column
        {
            public enum VectorKind
            {
                Scalar,
                Vector,
                VariableVector
            }

            public readonly string Name;
            public readonly VectorKind Kind;
            public readonly DataViewType ItemType;
            public readonly bool IsKey;
            public readonly SchemaShape Annotations;

            internal Column(string name, VectorKind vecKind, DataViewType itemType, bool isKey, SchemaShape annotations = null)
            {
                if (string.IsNullOrEmpty(name))
                    throw new ArgumentNullException(nameof(name));
                if (itemType == null)
                    throw new ArgumentNullException(nameof(itemType));
                if (itemType is KeyDataViewType || itemType is VectorDataViewType)
                    throw new ArgumentException("The item type of a schema shape column is a plain primitive type.", nameof(itemType));
                Name = name;
                Kind = vecKind;
                ItemType = itemType;
                IsKey = isKey;
                Annotations = annotations ?? new SchemaShape(Enumerable.Empty<Column>());
            }

            internal bool IsValid => Name != null;

            /// <summary>Whether a column of shape <paramref name="source"/> can be used where this one is expected.</summary>
            public bool IsCompatibleWith(Column source)
            {
                if (!source.IsValid || Name != source.Name || IsKey != source.IsKey || !ItemType.Equals(source.ItemType))
                    return false;
                if (Kind != source.Kind && !(Kind == VectorKind.VariableVector && source.Kind == VectorKind.Vector))
                    return false;
                foreach (var annotation in Annotations)
                {
                    if (!source.Annotations.TryFindColumn(annotation.Name, out var other) || !annotation.IsCompatibleWith(other))
                        return false;
                }
                return true;
            }

            public string GetTypeString()
            {
                string item = IsKey ? $"Key<{ItemType}>" : ItemType.ToString();
                return Kind switch
                {
                    VectorKind.Vector => $"Vector<{item}>",
                    VectorKind.VariableVector => $"VarVector<{item}>",
                    _ => item
                };
            }

            public override string ToString() => $"{Name}: {GetTypeString()}";
        }
    }
}

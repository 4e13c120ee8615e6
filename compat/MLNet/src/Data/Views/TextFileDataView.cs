using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Microsoft.ML.Data
{
    /// <summary>
    /// A delimited text file as a data view, with columns from a class's [LoadColumn] members. Lazy: each cursor opens
    /// the file and parses one line per MoveNext, and only the active columns.
    /// </summary>
    internal sealed class TextFileDataView : IDataView
    {
        private readonly string _path;
        private readonly char _separator;
        private readonly bool _hasHeader;
        private readonly bool _allowQuoting;
        private readonly bool _trimWhitespace;
        private readonly FieldSpec[] _specs;

        public TextFileDataView(string path, Type rowType, char separator, bool hasHeader, bool allowQuoting, bool trimWhitespace)
        {
            if (string.IsNullOrEmpty(path))
                throw new ArgumentNullException(nameof(path));
            if (!File.Exists(path))
                throw new FileNotFoundException($"File or directory does not exist at path: {path}", path);
            _path = path;
            _separator = separator;
            _hasHeader = hasHeader;
            _allowQuoting = allowQuoting;
            _trimWhitespace = trimWhitespace;
            var members = TypeSchema.Of(rowType, TypeSchema.Direction.Write).Columns;
            _specs = members.Select(m => new FieldSpec(m, rowType)).ToArray();
            var builder = new DataViewSchema.Builder();
            foreach (var spec in _specs)
                builder.AddColumn(spec.Name, spec.Type);
            Schema = builder.ToSchema();
        }

        public bool CanShuffle => false;
        public DataViewSchema Schema { get; }
        public long? GetRowCount() => null;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random rand = null)
            => new Cursor(this, RowMap.ActivityOf(columnsNeeded, Schema));

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random rand = null)
            => new[] { GetRowCursor(columnsNeeded, rand) };

        /// <summary>Which fields a column reads and how each field is parsed.</summary>
        private sealed class FieldSpec
        {
            public FieldSpec(MemberColumn member, Type rowType)
            {
                Name = member.Name;
                var load = member.Load ?? throw new InvalidOperationException(
                    $"Field or property '{member.Member.Name}' of type '{rowType.Name}' is missing the {nameof(LoadColumnAttribute)} attribute.");
                Fields = load.Sources.SelectMany(r => Enumerable.Range(r.Min, r.Max - r.Min + 1)).ToArray();
                bool vector = member.ColumnType is VectorDataViewType;
                Item = member.ColumnType is VectorDataViewType v ? v.ItemType : (PrimitiveDataViewType)member.ColumnType;
                if (!vector && Fields.Length != 1)
                    throw new InvalidOperationException($"Column '{Name}' reads {Fields.Length} fields; declare its member as an array.");
                Type = vector ? new VectorDataViewType(Item, member.VectorSize > 0 ? member.VectorSize : Fields.Length) : Item;
                if (vector && member.VectorSize > 0 && member.VectorSize != Fields.Length)
                    throw new InvalidOperationException($"Column '{Name}' is declared as a vector of size {member.VectorSize} but loads {Fields.Length} fields.");
            }

            public string Name { get; }
            public int[] Fields { get; }
            public PrimitiveDataViewType Item { get; }
            public DataViewType Type { get; }
        }

        private sealed class Cursor : DataViewRowCursor
        {
            private readonly TextFileDataView _view;
            private readonly StreamReader _reader;
            private readonly bool[] _active;
            private readonly ParsedColumn[] _columns;
            private readonly List<string> _fields = new();
            private long _position = -1;
            private long _line;

            public Cursor(TextFileDataView view, Func<int, bool> active)
            {
                _view = view;
                _active = Enumerable.Range(0, view.Schema.Count).Select(active).ToArray();
                _columns = new ParsedColumn[_active.Length];
                for (int i = 0; i < _active.Length; i++)
                    if (_active[i])
                        _columns[i] = ParsedColumn.For(view._specs[i], view._path);
                _reader = new StreamReader(view._path);
                if (view._hasHeader)
                {
                    _reader.ReadLine();
                    _line = 1;
                }
            }

            public override DataViewSchema Schema => _view.Schema;
            public override long Position => _position;
            public override long Batch => 0;
            public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_line, 0);
            public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
                => Getters.Typed<TValue>(_columns.Select(c => c?.Getter).ToArray(), _active, Schema, column);

            public override bool MoveNext()
            {
                string text;
                while ((text = _reader.ReadLine()) != null)
                {
                    _line++;
                    if (text.Trim().Length == 0)
                        continue;
                    Split(text);
                    foreach (var column in _columns)
                        column?.Parse(_fields, _line);
                    _position++;
                    return true;
                }
                _position = -1;
                return false;
            }

            private void Split(string text)
            {
                _fields.Clear();
                bool quoted = false;
                var current = new System.Text.StringBuilder();
                for (int i = 0; i <= text.Length; i++)
                {
                    if (i == text.Length || (text[i] == _view._separator && !quoted))
                    {
                        string field = current.ToString();
                        _fields.Add(_view._trimWhitespace ? field.Trim() : field);
                        current.Clear();
                        continue;
                    }
                    char c = text[i];
                    if (_view._allowQuoting && c == '"')
                    {
                        if (quoted && i + 1 < text.Length && text[i + 1] == '"')
                        {
                            current.Append('"');
                            i++;
                        }
                        else
                            quoted = !quoted;
                        continue;
                    }
                    current.Append(c);
                }
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                    _reader.Dispose();
                base.Dispose(disposing);
            }
        }

        /// <summary>The parsed values of one column for the current line.</summary>
        private abstract class ParsedColumn
        {
            public abstract Delegate Getter { get; }
            public abstract void Parse(List<string> fields, long line);

            public static ParsedColumn For(FieldSpec spec, string path)
            {
                var raw = spec.Item.RawType;
                var method = typeof(ParsedColumn).GetMethod(nameof(Make), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(raw);
                return (ParsedColumn)method.Invoke(null, new object[] { spec, path });
            }

            private static ParsedColumn Make<T>(FieldSpec spec, string path) => new ParsedColumn<T>(spec, path, Parser<T>(spec, path));

            // Missing or unreadable numbers read as NaN for floating point, as ML.NET's loader does; whole numbers and
            // booleans have no missing value, so a bad one is an error naming the file, line and column.
            private static Func<string, long, T> Parser<T>(FieldSpec spec, string path)
            {
                object parser;
                var inv = CultureInfo.InvariantCulture;
                if (typeof(T) == typeof(float))
                    parser = (Func<string, long, float>)((s, l) => float.TryParse(s, NumberStyles.Float, inv, out var v) ? v : float.NaN);
                else if (typeof(T) == typeof(double))
                    parser = (Func<string, long, double>)((s, l) => double.TryParse(s, NumberStyles.Float, inv, out var v) ? v : double.NaN);
                else if (typeof(T) == typeof(ReadOnlyMemory<char>))
                    parser = (Func<string, long, ReadOnlyMemory<char>>)((s, l) => s.AsMemory());
                else if (typeof(T) == typeof(bool))
                    parser = (Func<string, long, bool>)((s, l) => s.Trim().ToLowerInvariant() switch
                    {
                        "true" or "1" or "yes" or "t" or "y" => true,
                        "false" or "0" or "no" or "f" or "n" => false,
                        _ => throw Bad(path, l, spec.Name, s, "a boolean")
                    });
                else
                    parser = (Func<string, long, T>)((s, l) =>
                    {
                        try { return (T)Convert.ChangeType(s.Trim(), typeof(T), inv); }
                        catch (Exception e) when (e is FormatException or OverflowException) { throw Bad(path, l, spec.Name, s, typeof(T).Name); }
                    });
                return (Func<string, long, T>)parser;
            }

            private static FormatException Bad(string path, long line, string column, string text, string what)
                => new FormatException($"{path}, line {line}: column '{column}' holds '{text}', which is not {what}.");
        }

        private sealed class ParsedColumn<T> : ParsedColumn
        {
            private readonly FieldSpec _spec;
            private readonly Func<string, long, T> _parse;
            private readonly T[] _values;

            public ParsedColumn(FieldSpec spec, string path, Func<string, long, T> parse)
            {
                _spec = spec;
                _parse = parse;
                _values = new T[spec.Fields.Length];
                Getter = spec.Type is VectorDataViewType
                    ? (ValueGetter<VBuffer<T>>)((ref VBuffer<T> dst) =>
                    {
                        var editor = VBufferEditor.Create(ref dst, _values.Length);
                        _values.AsSpan().CopyTo(editor.Values);
                        dst = editor.Commit();
                    })
                    : (ValueGetter<T>)((ref T dst) => dst = _values[0]);
            }

            public override Delegate Getter { get; }

            public override void Parse(List<string> fields, long line)
            {
                for (int i = 0; i < _values.Length; i++)
                {
                    int field = _spec.Fields[i];
                    _values[i] = _parse(field < fields.Count ? fields[field] : "", line);
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CsvHelper;
using CsvHelper.Configuration;
using Generative.ML.Graphs;

namespace Generative.ML.Cli
{
    /// <summary>A CSV file with a header, read as numbers: every error names the file, the line and the column.</summary>
    internal sealed class CsvTable
    {
        CsvTable(string[] columns, List<float[]> rows, int?[] decimals)
        {
            Columns = columns;
            Rows = rows;
            Decimals = decimals;
        }

        public string[] Columns { get; }
        public List<float[]> Rows { get; }

        /// <summary>The most digits after the decimal point in each column's cells (null where a cell is in exponent form).</summary>
        public int?[] Decimals { get; }

        /// <summary>The file's header: its column names.</summary>
        public static string[] Header(string path)
        {
            using var file = new Records(path);
            return file.Header;
        }

        /// <summary>
        /// What a label column says of each row: 1 (or true) a known anomaly, 0 (or false) a known normal row, a blank cell
        /// unknown (NaN). Anything else is refused, naming the file, line and column.
        /// </summary>
        public static float[] ReadLabels(string path, string column)
        {
            using var file = new Records(path);
            var index = file.Indices(new[] { column })[0];
            return file.Rows().Select(r => r.Fields[index].Trim() switch {
                "" => float.NaN,
                "1" or "true" or "True" or "TRUE" => 1f,
                "0" or "false" or "False" or "FALSE" => 0f,
                var other => throw new CliException(
                    $"{path}:{r.Line}: column '{column}' is '{other}'; a label is 1 or true (a known anomaly), 0 or false (a known normal row), or blank (unknown)."),
            }).ToArray();
        }

        /// <summary>Reads <paramref name="wanted"/> columns (all numeric ones but <paramref name="except"/> when null) of every row.</summary>
        public static CsvTable Read(string path, IReadOnlyList<string>? wanted, string? except = null)
        {
            using var file = new Records(path);
            var raw = file.Rows().ToList();
            if (raw.Count == 0) throw new CliException($"{path}: the header is there but there are no rows.");
            var header = file.Header;
            int[] indices;
            if (wanted is null) {
                indices = Enumerable.Range(0, header.Length).Where(c => header[c] != except && raw.All(r => IsNumber(r.Fields[c]))).ToArray();
                if (indices.Length == 0) throw new CliException($"{path}: no column holds only numbers.");
            } else {
                indices = file.Indices(wanted);
            }
            var rows = raw.Select(r => indices.Select(c => Parse(path, r.Line, header[c], r.Fields[c])).ToArray()).ToList();
            var decimals = indices.Select(c => Generative.ML.Transformers.Tables.TableCsv.Decimals(raw.Select(r => r.Fields[c]))).ToArray();
            return new CsvTable(indices.Select(c => header[c]).ToArray(), rows, decimals);
        }

        /// <summary>
        /// The <paramref name="columns"/> of every row, <paramref name="chunk"/> rows at a time, in one pass: memory holds
        /// one chunk, whatever the file's size. Errors name the file, line and column, as <see cref="Read"/>'s do.
        /// </summary>
        public static IEnumerable<List<float[]>> Chunks(string path, IReadOnlyList<string> columns, int chunk)
        {
            using var file = new Records(path);
            var indices = file.Indices(columns);
            var rows = new List<float[]>(chunk);
            var any = false;
            foreach (var (line, fields) in file.Rows()) {
                var row = new float[indices.Length];
                for (var j = 0; j < indices.Length; j++) row[j] = Parse(path, line, file.Header[indices[j]], fields[indices[j]]);
                rows.Add(row);
                any = true;
                if (rows.Count == chunk) {
                    yield return rows;
                    rows = new List<float[]>(chunk);
                }
            }
            if (!any) throw new CliException($"{path}: the header is there but there are no rows.");
            if (rows.Count > 0) yield return rows;
        }

        /// <summary>An open CSV file with a header: its rows one at a time, blank lines skipped, a ragged row refused by its line.</summary>
        sealed class Records : IDisposable
        {
            readonly string _path;
            readonly StreamReader _reader;
            readonly CsvReader _csv;

            public Records(string path)
            {
                if (!File.Exists(path)) throw new CliException($"{path}: no such file.");
                _path = path;
                _reader = new StreamReader(path);
                _csv = new CsvReader(_reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectColumnCountChanges = false });
                if (!_csv.Read() || !_csv.ReadHeader() || _csv.HeaderRecord is not { Length: > 0 } header || header.All(string.IsNullOrWhiteSpace)) {
                    Dispose();
                    throw new CliException($"{path}: the file is empty; expected a header line naming the columns.");
                }
                Header = header;
            }

            public string[] Header { get; }

            /// <summary>Where each named column is; an unknown name is refused, listing the header.</summary>
            public int[] Indices(IReadOnlyList<string> names) => names.Select(name => Array.IndexOf(Header, name) is var i and >= 0
                ? i
                : throw new CliException($"{_path}: no column '{name}'; the header has {string.Join(", ", Header.Select(h => $"'{h}'"))}.")).ToArray();

            public IEnumerable<(int Line, string[] Fields)> Rows()
            {
                while (_csv.Read()) {
                    var line = _csv.Parser.RawRow;
                    var fields = Enumerable.Range(0, _csv.Parser.Count).Select(i => _csv.GetField(i) ?? "").ToArray();
                    if (fields.Length == 1 && fields[0].Length == 0) continue; // a blank line
                    if (fields.Length != Header.Length)
                        throw new CliException($"{_path}:{line}: {fields.Length} values, but the header names {Header.Length} columns.");
                    yield return (line, fields);
                }
            }

            public void Dispose()
            {
                _csv.Dispose();
                _reader.Dispose();
            }
        }

        /// <summary>
        /// A CSV written row by row under a temporary name beside <paramref name="path"/>, and renamed to it by
        /// <see cref="Complete"/>: a run that fails half-way leaves no half-written file under the final name.
        /// </summary>
        public sealed class Writer : IDisposable
        {
            readonly AtomicFile.Pending _file;
            readonly StreamWriter _stream;
            readonly CsvWriter _csv;
            bool _complete;

            public Writer(string path, IReadOnlyList<string> columns)
            {
                _file = AtomicFile.Begin(path);
                _stream = new StreamWriter(_file.Stream, leaveOpen: true);
                _csv = new CsvWriter(_stream, CultureInfo.InvariantCulture);
                foreach (var c in columns) _csv.WriteField(c);
                _csv.NextRecord();
            }

            public void Row(IEnumerable<string> fields)
            {
                foreach (var v in fields) _csv.WriteField(v);
                _csv.NextRecord();
            }

            public void Complete()
            {
                _csv.Flush();
                _stream.Flush();
                _csv.Dispose();
                _stream.Dispose();
                _file.Commit();
                _complete = true;
            }

            public void Dispose()
            {
                if (_complete) return;
                _csv.Dispose();
                _stream.Dispose();
                _file.Dispose();
            }
        }

        static bool IsNumber(string s) => float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v);

        static float Parse(string path, int line, string column, string value)
        {
            if (!float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !float.IsFinite(v))
                throw new CliException($"{path}:{line}: column '{column}' holds '{value}', which is not a finite number.");
            return v;
        }

        /// <summary>Writes the whole file under a temporary name, then renames it (no half-written file under <paramref name="path"/>).</summary>
        public static void Write(string path, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
        {
            using var writer = new Writer(path, columns);
            foreach (var row in rows) writer.Row(row);
            writer.Complete();
        }

        public static string Number(float v) => v.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>A generated value written with the decimals of the column it stands for (all its digits where unknown).</summary>
        public static string Number(float v, int? decimals) =>
            decimals is int d ? Math.Round((double)v, d, MidpointRounding.AwayFromZero).ToString("F" + d, CultureInfo.InvariantCulture) : Number(v);
    }
}

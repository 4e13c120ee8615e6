using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CsvHelper;
using CsvHelper.Configuration;

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

        /// <summary>Reads <paramref name="wanted"/> columns (all numeric ones when null) of every row.</summary>
        public static CsvTable Read(string path, IReadOnlyList<string>? wanted)
        {
            if (!File.Exists(path)) throw new CliException($"{path}: no such file.");
            using var reader = new StreamReader(path);
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectColumnCountChanges = false });
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header || header.All(string.IsNullOrWhiteSpace))
                throw new CliException($"{path}: the file is empty; expected a header line naming the columns.");
            var raw = new List<(int line, string[] fields)>();
            while (csv.Read()) {
                var line = csv.Parser.RawRow;
                var fields = Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i) ?? "").ToArray();
                if (fields.Length == 1 && fields[0].Length == 0) continue; // a blank line
                if (fields.Length != header.Length)
                    throw new CliException($"{path}:{line}: {fields.Length} values, but the header names {header.Length} columns.");
                raw.Add((line, fields));
            }
            if (raw.Count == 0) throw new CliException($"{path}: the header is there but there are no rows.");

            int[] indices;
            if (wanted is null) {
                indices = Enumerable.Range(0, header.Length).Where(c => raw.All(r => IsNumber(r.fields[c]))).ToArray();
                if (indices.Length == 0) throw new CliException($"{path}: no column holds only numbers.");
            } else {
                indices = wanted.Select(name => Array.IndexOf(header, name) is var i and >= 0
                    ? i
                    : throw new CliException($"{path}: no column '{name}'; the header has {string.Join(", ", header.Select(h => $"'{h}'"))}.")).ToArray();
            }
            var rows = raw.Select(r => indices.Select(c => Parse(path, r.line, header[c], r.fields[c])).ToArray()).ToList();
            var decimals = indices.Select(c => raw.Any(r => r.fields[c].IndexOfAny(new[] { 'e', 'E' }) >= 0) ? (int?)null
                : Math.Min(10, raw.Max(r => r.fields[c].IndexOf('.') is var point and >= 0 ? r.fields[c].Length - point - 1 : 0))).ToArray();
            return new CsvTable(indices.Select(c => header[c]).ToArray(), rows, decimals);
        }

        /// <summary>
        /// The <paramref name="columns"/> of every row, <paramref name="chunk"/> rows at a time, in one pass: memory holds
        /// one chunk, whatever the file's size. Errors name the file, line and column, as <see cref="Read"/>'s do.
        /// </summary>
        public static IEnumerable<List<float[]>> Chunks(string path, IReadOnlyList<string> columns, int chunk)
        {
            if (!File.Exists(path)) throw new CliException($"{path}: no such file.");
            using var reader = new StreamReader(path);
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectColumnCountChanges = false });
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header || header.All(string.IsNullOrWhiteSpace))
                throw new CliException($"{path}: the file is empty; expected a header line naming the columns.");
            var indices = columns.Select(name => Array.IndexOf(header, name) is var i and >= 0
                ? i
                : throw new CliException($"{path}: no column '{name}'; the header has {string.Join(", ", header.Select(h => $"'{h}'"))}.")).ToArray();
            var rows = new List<float[]>(chunk);
            var any = false;
            while (csv.Read()) {
                var line = csv.Parser.RawRow;
                if (csv.Parser.Count == 1 && string.IsNullOrEmpty(csv.GetField(0))) continue; // a blank line
                if (csv.Parser.Count != header.Length)
                    throw new CliException($"{path}:{line}: {csv.Parser.Count} values, but the header names {header.Length} columns.");
                var row = new float[indices.Length];
                for (var j = 0; j < indices.Length; j++) row[j] = Parse(path, line, header[indices[j]], csv.GetField(indices[j]) ?? "");
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

        /// <summary>
        /// A CSV written row by row under a temporary name beside <paramref name="path"/>, and renamed to it by
        /// <see cref="Complete"/>: a run that fails half-way leaves no half-written file under the final name.
        /// </summary>
        public sealed class Writer : IDisposable
        {
            readonly string _path, _temporary;
            readonly StreamWriter _stream;
            readonly CsvWriter _csv;
            bool _complete;

            public Writer(string path, IReadOnlyList<string> columns)
            {
                _path = path;
                _temporary = path + ".partial";
                _stream = new StreamWriter(_temporary);
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
                File.Move(_temporary, _path, overwrite: true);
                _complete = true;
            }

            public void Dispose()
            {
                if (_complete) return;
                _csv.Dispose();
                _stream.Dispose();
                File.Delete(_temporary);
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

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
        CsvTable(string[] columns, List<float[]> rows)
        {
            Columns = columns;
            Rows = rows;
        }

        public string[] Columns { get; }
        public List<float[]> Rows { get; }

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
            return new CsvTable(indices.Select(c => header[c]).ToArray(), rows);
        }

        static bool IsNumber(string s) => float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v);

        static float Parse(string path, int line, string column, string value)
        {
            if (!float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !float.IsFinite(v))
                throw new CliException($"{path}:{line}: column '{column}' holds '{value}', which is not a finite number.");
            return v;
        }

        public static void Write(string path, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
        {
            using var writer = new StreamWriter(path);
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            foreach (var c in columns) csv.WriteField(c);
            csv.NextRecord();
            foreach (var row in rows) {
                foreach (var v in row) csv.WriteField(v);
                csv.NextRecord();
            }
        }

        public static string Number(float v) => v.ToString("R", CultureInfo.InvariantCulture);
    }
}

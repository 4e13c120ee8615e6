using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CsvHelper;
using CsvHelper.Configuration;
using Generative.ML.Transformers.Tables;

namespace Generative.ML.Cli
{
    /// <summary>
    /// A CSV file as a table of mixed columns: a column whose filled cells are all whole numbers is an integer column,
    /// all numbers a continuous one, anything else a text category; an empty cell is a blank.
    /// </summary>
    internal static class CsvTables
    {
        /// <summary>The header and the rows' cells; every error names the file and the line.</summary>
        public static (string[] header, List<(int line, string[] cells)> rows) ReadCells(string path)
        {
            if (!File.Exists(path)) throw new CliException($"{path}: no such file.");
            using var reader = new StreamReader(path);
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectColumnCountChanges = false });
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header || header.All(string.IsNullOrWhiteSpace))
                throw new CliException($"{path}: the file is empty; expected a header line naming the columns.");
            var rows = new List<(int, string[])>();
            while (csv.Read()) {
                var cells = Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i) ?? "").ToArray();
                if (cells.Length == 1 && cells[0].Length == 0) continue;
                if (cells.Length != header.Length) throw new CliException($"{path}:{csv.Parser.RawRow}: {cells.Length} values, but the header names {header.Length} columns.");
                rows.Add((csv.Parser.RawRow, cells));
            }
            if (rows.Count == 0) throw new CliException($"{path}: the header is there but there are no rows.");
            return (header, rows);
        }

        /// <summary>Whether the columns (all when null) hold anything but finite numbers: text, or blanks.</summary>
        public static bool IsMixed(string path, IReadOnlyList<string>? wanted)
        {
            var (header, rows) = ReadCells(path);
            return Indices(path, header, wanted).Any(c => rows.Any(r => !double.TryParse(r.cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v)));
        }

        /// <summary>
        /// The columns (all when null) as a table; <paramref name="categorical"/> names integer columns to read as
        /// categories; <paramref name="like"/>, when given, fixes each column's kind and type (as a trained model or the real table has them).
        /// </summary>
        public static TableData Read(string path, IReadOnlyList<string>? wanted, IReadOnlyCollection<string>? categorical = null,
                                     IReadOnlyList<TableColumn>? like = null)
        {
            var (header, rows) = ReadCells(path);
            var indices = Indices(path, header, wanted);
            foreach (var name in categorical ?? Array.Empty<string>())
                if (!indices.Any(i => header[i] == name)) throw new CliException($"{path}: --categorical names '{name}', which is not among the columns read.");
            var columns = new List<TableColumn>();
            var values = new List<Array>();
            foreach (var c in indices) {
                var cells = rows.Select(r => r.cells[c]).ToArray();
                var filled = cells.Where(v => v.Length > 0).ToArray();
                var column = like?.FirstOrDefault(k => k.Name == header[c]) ?? Infer(header[c], filled, categorical?.Contains(header[c]) == true);
                columns.Add(column);
                if (column.IsNumeric) {
                    var numbers = new double[cells.Length];
                    for (var r = 0; r < cells.Length; r++) {
                        if (cells[r].Length == 0) { numbers[r] = double.NaN; continue; }
                        if (!double.TryParse(cells[r], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[r]) || !double.IsFinite(numbers[r]))
                            throw new CliException($"{path}:{rows[r].line}: column '{header[c]}' holds '{cells[r]}', which is not a finite number.");
                    }
                    values.Add(numbers);
                } else {
                    values.Add(cells.Select(v => v.Length == 0 ? null : v).ToArray());
                }
            }
            return new TableData(columns, values);
        }

        static TableColumn Infer(string name, string[] filled, bool categorical)
        {
            if (filled.Length == 0) throw new CliException($"Column '{name}' is blank in every row: there is nothing to learn of it.");
            var numbers = filled.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : double.NaN).ToArray();
            if (numbers.Any(double.IsNaN)) return new TableColumn(name, TableColumnKind.Categorical, TableValueType.Text);
            var whole = numbers.All(d => d == Math.Floor(d) && Math.Abs(d) < 1e15);
            if (categorical) {
                if (!whole) throw new CliException($"--categorical names '{name}', whose values are not whole numbers.");
                return new TableColumn(name, TableColumnKind.Categorical, TableValueType.Int64);
            }
            return whole ? new TableColumn(name, TableColumnKind.Integer, TableValueType.Int64) : new TableColumn(name, TableColumnKind.Continuous, TableValueType.Double);
        }

        static int[] Indices(string path, string[] header, IReadOnlyList<string>? wanted) => wanted is null
            ? Enumerable.Range(0, header.Length).ToArray()
            : wanted.Select(name => Array.IndexOf(header, name) is var i and >= 0
                ? i
                : throw new CliException($"{path}: no column '{name}'; the header has {string.Join(", ", header.Select(h => $"'{h}'"))}.")).ToArray();

        /// <summary>Writes the table with a header; blanks are empty cells, whole-number columns are written whole.</summary>
        public static void Write(string path, TableData table, IReadOnlyList<(string name, string[] cells)>? extra = null)
        {
            using var writer = new StreamWriter(path);
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            foreach (var c in table.Columns) csv.WriteField(c.Name);
            foreach (var (name, _) in extra ?? Array.Empty<(string, string[])>()) csv.WriteField(name);
            csv.NextRecord();
            for (var r = 0; r < table.RowCount; r++) {
                for (var j = 0; j < table.Columns.Count; j++) {
                    var c = table.Columns[j];
                    csv.WriteField(!c.IsNumeric ? table.Categories(j)[r] ?? ""
                        : double.IsNaN(table.Numbers(j)[r]) ? ""
                        : c.Kind == TableColumnKind.Integer ? ((long)table.Numbers(j)[r]).ToString(CultureInfo.InvariantCulture)
                        : table.Numbers(j)[r].ToString("R", CultureInfo.InvariantCulture));
                }
                foreach (var (_, cells) in extra ?? Array.Empty<(string, string[])>()) csv.WriteField(cells[r]);
                csv.NextRecord();
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Generative.ML.Transformers.Tables
{
    /// <summary>
    /// CSV files (RFC 4180: a header line, commas, double quotes) as tables: a column whose filled cells are all whole
    /// numbers is an integer column, all numbers a continuous one, mostly text a column of text categories; an empty
    /// cell is a blank. A column of mostly numbers with a cell that is not one is an error that names the cell. Errors
    /// name the file, the line and the column.
    /// </summary>
    internal static class TableCsv
    {
        /// <summary>
        /// Reads <paramref name="columns"/> (all when null). <paramref name="categorical"/> names whole-number columns
        /// that are codes rather than counts; <paramref name="like"/>, when given, fixes each named column's kind and type
        /// (as a trained model or a real table has them) instead of inferring it.
        /// </summary>
        public static TableData Read(string path, IReadOnlyList<string>? columns = null, IReadOnlyCollection<string>? categorical = null,
                                     IReadOnlyList<TableColumn>? like = null)
        {
            var (header, rows) = Cells(path);
            var indices = columns is null
                ? Enumerable.Range(0, header.Length).ToArray()
                : columns.Select(name => Array.IndexOf(header, name) is var i and >= 0
                    ? i
                    : throw new TableCsvException(path, null, name, $"{path}: no column '{name}'; the header has {string.Join(", ", header.Select(h => $"'{h}'"))}.")).ToArray();
            foreach (var name in categorical ?? Array.Empty<string>())
                if (!indices.Any(i => header[i] == name)) throw new TableCsvException(path, null, name, $"{path}: '{name}' is named categorical but is not among the columns read.");
            var tableColumns = new List<TableColumn>();
            var values = new List<Array>();
            var decimals = new List<int?>();
            foreach (var c in indices) {
                var cells = rows.Select(r => r.cells[c]).ToArray();
                var column = like?.FirstOrDefault(k => k.Name == header[c])
                    ?? Infer(path, header[c], cells, rows.Select(r => r.line).ToArray(), categorical?.Contains(header[c]) == true);
                tableColumns.Add(column);
                if (!column.IsNumeric) {
                    values.Add(cells.Select(v => v.Length == 0 ? null : v).ToArray());
                    decimals.Add(null);
                    continue;
                }
                decimals.Add(Decimals(cells));
                var numbers = new double[cells.Length];
                for (var r = 0; r < cells.Length; r++) {
                    if (cells[r].Length == 0) numbers[r] = double.NaN;
                    else if (!double.TryParse(cells[r], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[r]) || !double.IsFinite(numbers[r]))
                        throw new TableCsvException(path, rows[r].line, header[c], $"{path}:{rows[r].line}: column '{header[c]}' holds '{cells[r]}', which is not a finite number.");
                }
                values.Add(numbers);
            }
            return new TableData(tableColumns, values) { Decimals = decimals };
        }

        /// <summary>The most digits after the decimal point among the cells (at most 10); null where a cell is in exponent form. Blank cells do not count.</summary>
        internal static int? Decimals(IEnumerable<string> cells)
        {
            var most = 0;
            foreach (var cell in cells) {
                if (cell.Length == 0) continue;
                if (cell.IndexOfAny(new[] { 'e', 'E' }) >= 0) return null;
                var point = cell.IndexOf('.');
                if (point >= 0) most = Math.Max(most, cell.Length - point - 1);
            }
            return Math.Min(most, 10);
        }

        /// <summary>Whether the columns (all when null) hold anything but finite numbers: text, or blank cells.</summary>
        public static bool HasTextOrBlanks(string path, IReadOnlyList<string>? columns = null)
        {
            var (header, rows) = Cells(path);
            var indices = columns is null ? Enumerable.Range(0, header.Length) : columns.Select(n => Array.IndexOf(header, n)).Where(i => i >= 0);
            return indices.Any(c => rows.Any(r => !double.TryParse(r.cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v)));
        }

        /// <summary>Writes the table with a header and then <paramref name="extra"/> columns of ready-made cells; blanks are empty cells.</summary>
        public static void Write(string path, TableData table, IReadOnlyList<(string name, string[] cells)>? extra = null)
        {
            extra ??= Array.Empty<(string, string[])>();
            using var file = Graphs.AtomicFile.Begin(path);
            using (var writer = new StreamWriter(file.Stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
                WriteRows(writer, table, extra);
            file.Commit();
        }

        static void WriteRows(StreamWriter writer, TableData table, IReadOnlyList<(string name, string[] cells)> extra)
        {
            writer.WriteLine(string.Join(",", table.Columns.Select(c => Quote(c.Name)).Concat(extra.Select(e => Quote(e.name)))));
            var line = new StringBuilder();
            for (var r = 0; r < table.RowCount; r++) {
                line.Clear();
                for (var j = 0; j < table.Columns.Count; j++) {
                    if (j > 0) line.Append(',');
                    var c = table.Columns[j];
                    line.Append(!c.IsNumeric ? Quote(table.Categories(j)[r] ?? "")
                        : double.IsNaN(table.Numbers(j)[r]) ? ""
                        : c.Kind == TableColumnKind.Integer ? Math.Round(table.Numbers(j)[r]).ToString("F0", CultureInfo.InvariantCulture)
                        : table.Numbers(j)[r].ToString("R", CultureInfo.InvariantCulture));
                }
                foreach (var (_, cells) in extra) line.Append(',').Append(Quote(cells[r]));
                writer.WriteLine(line);
            }
        }

        static string Quote(string v) => v.IndexOfAny(new[] { ',', '"', '\n', '\r' }) < 0 && v.Trim() == v ? v : "\"" + v.Replace("\"", "\"\"") + "\"";

        /// <summary>
        /// A column's kind from its cells. A column of numbers with a few cells that are not (at least half numbers) is
        /// taken for a column of numbers with bad cells, and the first is named, unless the column is named categorical.
        /// </summary>
        static TableColumn Infer(string path, string name, string[] cells, int[] lines, bool categorical)
        {
            var filled = cells.Where(v => v.Length > 0).ToArray();
            if (filled.Length == 0) throw new TableCsvException(path, null, name, $"{path}: column '{name}' is blank in every row: there is nothing to learn of it.");
            var numbers = filled.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : double.NaN).ToArray();
            var text = numbers.Count(double.IsNaN);
            if (text > 0 && !categorical && text <= filled.Length / 2) {
                var bad = Array.FindIndex(cells, v => v.Length > 0 && !(double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)));
                throw new TableCsvException(path, lines[bad], name, $"{path}:{lines[bad]}: column '{name}' holds '{cells[bad]}', which is not a finite number, " +
                                            "where most of its cells are numbers; fix the cell, or name the column categorical.");
            }
            if (text > 0) return new TableColumn(name, TableColumnKind.Categorical, TableValueType.Text);
            var whole = numbers.All(d => d == Math.Floor(d) && Math.Abs(d) < 1e15);
            if (categorical) {
                // Whole numbers named categorical are codes; other numbers named categorical are labels, kept as text.
                return new TableColumn(name, TableColumnKind.Categorical, whole ? TableValueType.Int64 : TableValueType.Text);
            }
            return whole ? new TableColumn(name, TableColumnKind.Integer, TableValueType.Int64) : new TableColumn(name, TableColumnKind.Continuous, TableValueType.Double);
        }

        /// <summary>The header and every record's cells, with the line each record starts on.</summary>
        static (string[] header, List<(int line, string[] cells)> rows) Cells(string path)
        {
            if (!File.Exists(path)) throw new TableCsvException(path, null, null, $"{path}: no such file.");
            var records = Records(path, File.ReadAllText(path)).Where(r => !(r.cells.Length == 1 && r.cells[0].Length == 0)).ToList();
            if (records.Count == 0 || records[0].cells.All(string.IsNullOrWhiteSpace))
                throw new TableCsvException(path, null, null, $"{path}: the file is empty; expected a header line naming the columns.");
            var header = records[0].cells.Select(h => h.Trim()).ToArray();
            var rows = records.Skip(1).ToList();
            if (rows.Count == 0) throw new TableCsvException(path, null, null, $"{path}: the header is there but there are no rows.");
            foreach (var (line, cells) in rows)
                if (cells.Length != header.Length)
                    throw new TableCsvException(path, line, null, $"{path}:{line}: {cells.Length} values, but the header names {header.Length} columns.");
            return (header, rows);
        }

        static IEnumerable<(int line, string[] cells)> Records(string path, string text)
        {
            var cells = new List<string>();
            var cell = new StringBuilder();
            var (line, start) = (1, 1);
            var quoted = false;
            for (var i = 0; i < text.Length; i++) {
                var ch = text[i];
                if (quoted) {
                    if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; } else if (ch == '"') quoted = false;
                    else { if (ch == '\n') line++; cell.Append(ch); }
                    continue;
                }
                switch (ch) {
                    case '"' when cell.Length == 0: quoted = true; break;
                    case ',': cells.Add(cell.ToString()); cell.Clear(); break;
                    case '\r': break;
                    case '\n':
                        cells.Add(cell.ToString());
                        cell.Clear();
                        yield return (start, cells.ToArray());
                        cells.Clear();
                        start = ++line;
                        break;
                    default: cell.Append(ch); break;
                }
            }
            if (quoted) throw new TableCsvException(path, start, null, $"{path}:{start}: a quoted cell is not closed.");
            if (cell.Length > 0 || cells.Count > 0) {
                cells.Add(cell.ToString());
                yield return (start, cells.ToArray());
            }
        }
    }

    /// <summary>A CSV file that cannot be read as a table: the message names the file, and the line and column where known.</summary>
    public sealed class TableCsvException : FormatException
    {
        /// <summary>An error in <paramref name="path"/>.</summary>
        internal TableCsvException(string path, int? line, string? column, string message) : base(message) => (Path, Line, Column) = (path, line, column);

        /// <summary>The file.</summary>
        public string Path { get; }

        /// <summary>The line (1 is the header), or null.</summary>
        public int? Line { get; }

        /// <summary>The column, or null.</summary>
        public string? Column { get; }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Generative.ML.Estimators.Tables;
using Generative.ML.Transformers.Tables;
using Microsoft.ML;
using Spectre.Console;

namespace Generative.ML.Cli
{
    /// <summary>gml over mixed tables (text, whole numbers, blanks): a table synthesizer in its own zip.</summary>
    internal static class TableCommands
    {
        /// <summary>Whether <paramref name="path"/> is a table synthesizer's zip (rather than an ML.NET model).</summary>
        public static bool IsTableModel(string path)
        {
            // A missing file or one that is not a zip is not a table model: the ML.NET model's loader says what it is.
            if (!File.Exists(path)) return false;
            try {
                using var zip = ZipFile.OpenRead(path);
                return zip.GetEntry("table-encoding.json") is not null;
            } catch (InvalidDataException) {
                return false;
            }
        }

        /// <summary>Trains a table synthesizer and writes its zip; gives the rows it trained on.</summary>
        public static int Train(string data, IReadOnlyList<string>? columns, IReadOnlyList<string>? categorical, string? condition, TrainFlags flags, string output,
                                bool quiet)
        {
            var table = TableCsv.Read(data, columns, categorical);
            var options = flags.Apply(new TableSynthesizerOptions { ConditionColumn = condition });
            void Fit()
            {
                try {
                    using var synthesizer = new MLContext(flags.Seed).Data.FitTableSynthesizer(table, options);
                    synthesizer.Save(output);
                } catch (ArgumentException e) {
                    throw new CliException($"{data}: {e.Message}");
                }
            }
            if (quiet) {
                Fit();
                return table.RowCount;
            }
            var epochCount = options.EpochsFor(table.RowCount);
            AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()).Start(ctx => {
                var title = $"Training a table VAE on {table.RowCount} rows of {table.Columns.Count} columns";
                var task = ctx.AddTask(title, maxValue: epochCount);
                options.Progress = new SynchronousProgress<TrainingProgress>(p => {
                    if (!p.EpochCompleted) return;
                    task.Value = p.Epoch;
                    task.Description = Markup.Escape($"{title}: epoch {p.Epoch}, loss {p.Loss:G4}");
                });
                Fit();
            });
            Console.WriteLine($"Trained a table model on {Describe(table)}; wrote {output}");
            return table.RowCount;
        }

        /// <summary>"region (categorical, 3 values), visits (integer), spend, tenure (10% blank)".</summary>
        static string Describe(TableData table) => string.Join(", ", table.Columns.Select((c, j) => {
            var notes = new List<string>();
            if (c.Kind == TableColumnKind.Categorical) notes.Add($"categorical, {table.Categories(j).Where(v => v is not null).Distinct().Count()} values");
            if (c.Kind == TableColumnKind.Integer) notes.Add("integer");
            var blank = Enumerable.Range(0, table.RowCount).Count(r => table.IsMissing(j, r));
            if (blank > 0) notes.Add($"{100.0 * blank / table.RowCount:F0}% blank");
            return notes.Count == 0 ? c.Name : $"{c.Name} ({string.Join(", ", notes)})";
        }));

        public static void Sample(string model, int count, int seed, string? where, string output)
        {
            using var synthesizer = TableSynthesizer.Load(model);
            string? condition = null;
            if (where is not null) {
                var parts = where.Split('=', 2);
                if (parts.Length != 2) throw new CliException($"--where takes column=value; got '{where}'.");
                if (synthesizer.ConditionColumn is null)
                    throw new CliException($"{model} was trained without --condition: it cannot generate rows with {parts[0]} = {parts[1]}.");
                if (parts[0] != synthesizer.ConditionColumn)
                    throw new CliException($"{model} generates under '{synthesizer.ConditionColumn}', not '{parts[0]}'.");
                condition = parts[1];
            }
            try {
                TableCsv.Write(output, synthesizer.Generate(count, seed, condition));
            } catch (TableSchemaException e) {
                throw new CliException(e.Message);
            }
            Json.Say($"Generated {count} rows{(condition is null ? "" : $" with {synthesizer.ConditionColumn} = {condition}")}; wrote {output}",
                     new { command = "sample", model, output, rows = count, seed, condition });
        }

        public static void Score(string model, string data, string output)
        {
            using var synthesizer = TableSynthesizer.Load(model);
            var names = synthesizer.Encoding.Columns.Select(c => c.Name).ToArray();
            TableData table;
            try {
                table = TableCsv.Read(data, names, like: synthesizer.Encoding.Columns);
            } catch (TableCsvException e) when (e.Message.Contains("no column")) {
                throw new CliException($"{e.Message} The model was trained on {string.Join(", ", names)}.");
            }
            var scores = synthesizer.Score(table);
            TableCsv.Write(output, table, new[] {
                ("Score", scores.Scores.Select(s => s.ToString("R", CultureInfo.InvariantCulture)).ToArray()),
                ("PredictedLabel", scores.Labels.Select(l => l.ToString()).ToArray()),
                ("TopColumn", Enumerable.Range(0, table.RowCount).Select(r => scores.Explain(r)[0].Column).ToArray()),
            });
            Json.Say($"Scored {table.RowCount} rows ({scores.Labels.Count(l => l)} flagged); wrote {output}",
                     new { command = "score", model, output, rows = table.RowCount, flagged = scores.Labels.Count(l => l), threshold = synthesizer.Threshold });
        }

        public static void Export(string model, string folder)
        {
            Directory.CreateDirectory(folder);
            using var zip = ZipFile.OpenRead(model);
            foreach (var entry in zip.Entries) entry.ExtractToFile(Path.Combine(folder, entry.Name), overwrite: true);
            Console.WriteLine($"Wrote the table model's graphs (sampler.onnx, scorer.onnx) and encoding to {folder}");
        }

        public static void Inspect(string model)
        {
            using var synthesizer = TableSynthesizer.Load(model);
            var e = synthesizer.Encoding;
            Console.WriteLine($"table model: {e.TrainingRows} training rows, latent size {synthesizer.LatentSize}, threshold {synthesizer.Threshold:G6}");
            if (e.ConditionColumn is not null) Console.WriteLine($"condition: {e.ConditionColumn}");
            for (var j = 0; j < e.Columns.Count; j++) {
                var c = e.Columns[j];
                var enc = e.Encodings[j];
                var what = c.IsNumeric ? $"{c.Kind.ToString().ToLowerInvariant()}, {enc.Scale!.Minimum:G6} to {enc.Scale.Maximum:G6}"
                                       : $"categorical, {string.Join(" ", enc.Categories!.Select(v => v ?? "(blank)").Take(12))}{(enc.Categories!.Length > 12 ? " ..." : "")}";
                Console.WriteLine($"{c.Name}: {c.ValueType} ({what}){(enc.MissingRate > 0 ? $", {100 * enc.MissingRate:F1}% blank" : "")}");
            }
        }

        public static void Report(string realPath, string syntheticPath, string? heldOutPath, string folder, int seed)
        {
            var real = TableCsv.Read(realPath, null);
            var synthetic = TableCsv.Read(syntheticPath, real.Columns.Select(c => c.Name).ToArray(),
                                           like: real.Columns);
            var heldOut = heldOutPath is null ? null : TableCsv.Read(heldOutPath, real.Columns.Select(c => c.Name).ToArray(), like: real.Columns);
            // Both files were read with the real table's column kinds (a missing column or a cell that does not fit is refused
            // by its file there), so a schema error here is the synthetic file's.
            SyntheticQualityReport report;
            try {
                report = SyntheticQuality.Evaluate(real, synthetic, seed, heldOut);
            } catch (TableSchemaException e) {
                throw new CliException($"{syntheticPath}: {e.Message}");
            }
            var privacy = report.Privacy is { } p
                ? new[] {
                    $"- privacy, distance to the closest training row against {Path.GetFileName(heldOutPath)}: {100 * p.ShareCloserThanHeldOut:F1}% of synthetic rows closer " +
                    $"than the held-out 5th percentile (about 5% for new rows), median ratio {p.MedianRatio:F3} (about 1 for new rows), {p.ExactCopies} exact copies " +
                    $"({p.HeldOutExactCopies} among held-out rows)",
                    $"- **{(p.Memorises ? "Warning: the synthetic rows look like near-copies of training rows." : "The synthetic rows look new.")}** {p.Summary}",
                    "  (An empirical check against single training rows, not differential privacy: see docs/synthetic-data.md.)",
                }
                : new[] { "- privacy: not checked. Give `--held-out` real rows the model never saw to check whether the synthetic rows are near-copies of training rows." };
            Directory.CreateDirectory(folder);
            var lines = new List<string> {
                $"# Synthetic data quality: {Path.GetFileName(syntheticPath)} against {Path.GetFileName(realPath)}", "",
                $"- column shapes (mean): {report.ColumnShapeMean:F3}", $"- pair trends (mean): {report.PairTrendMean:F3}",
                $"- detectability, max(AUC, 0.5) of telling real from synthetic rows (0.5 is best): {report.Detectability:F3} " +
                $"(AUC {report.DetectionAuc:F3}, folds {report.DetectionAucByFold.Min():F3} to {report.DetectionAucByFold.Max():F3})",
            };
            lines.AddRange(privacy);
            lines.AddRange(new[] { "", "| column | metric | score |", "|---|---|---|" });
            lines.AddRange(report.ColumnShapes.Select(s => $"| {s.Column} | 1 - {s.Metric} | {s.Score:F3} |"));
            lines.AddRange(new[] { "", "| pair | metric | score | real | synthetic |", "|---|---|---|---|---|" });
            lines.AddRange(report.PairTrends.Select(t => $"| {t.First} / {t.Second} | {t.Metric} | {t.Score:F3} | {Number(t.Real)} | {Number(t.Synthetic)} |"));
            Generative.ML.Graphs.AtomicFile.Write(Path.Combine(folder, "report.md"), s => {
                using var writer = new StreamWriter(s, leaveOpen: true);
                foreach (var line in lines) writer.WriteLine(line);
            });
            var pictures = ReportPlots.Write(folder, real, synthetic, report);
            var table = new Table().AddColumns("column", "shape");
            foreach (var s in report.ColumnShapes) table.AddRow(Markup.Escape(s.Column), $"{s.Score:F3} (1 - {s.Metric})");
            AnsiConsole.Write(table);
            Console.WriteLine($"column shapes {report.ColumnShapeMean:F3}, pair trends {report.PairTrendMean:F3}, detectability {report.Detectability:F3} " +
                              $"(AUC {report.DetectionAuc:F3}; 0.5 is best)");
            if (report.Privacy is { } check) {
                // The summary is written as it is, unwrapped (Spectre wraps markup at the console's width, mid-sentence in a log).
                if (check.Memorises) AnsiConsole.Markup("[yellow]Warning:[/] ");
                Console.WriteLine(check.Summary);
            } else {
                Console.WriteLine("Privacy not checked: give --held-out real rows the model never saw to check whether the synthetic rows copy training rows.");
            }
            Console.WriteLine($"Wrote report.md and {pictures.Count} pictures to {folder}");
        }

        static string Number(double v) => double.IsNaN(v) ? "" : v.ToString("F3", CultureInfo.InvariantCulture);
    }
}

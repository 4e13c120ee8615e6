using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using Generative.ML.Graphs;

namespace Generative.ML.Transformers.Tables
{
    /// <summary>How one column is encoded: its quantiles (numeric), its categories (categorical), and how often it is blank.</summary>
    internal sealed class ColumnEncoding
    {
        /// <summary>A numeric column's quantile transform; null for categories.</summary>
        public QuantileScale? Scale { get; init; }

        /// <summary>A numeric column's modes when numbers are encoded mode by mode (<see cref="ContinuousEncoding.ModeSpecific"/>, as TVAE does for every numeric column); else null.</summary>
        public ColumnModes? Modes { get; init; }

        /// <summary>A categorical column's categories seen in training, most frequent first (null stands for a blank); null for numbers.</summary>
        public string?[]? Categories { get; init; }

        /// <summary>Each category's share of the training rows, in the order of <see cref="Categories"/>; null for numbers.</summary>
        public double[]? CategoryFrequencies { get; init; }

        /// <summary>The share of blank training values: generated rows are blank at this rate.</summary>
        public double MissingRate { get; init; }

        /// <summary>
        /// The decimals a continuous column was written with (read from a CSV's cells; null when unknown): generated
        /// values are rounded to them, so they look like the column's own values.
        /// </summary>
        public int? Decimals { get; init; }
    }

    /// <summary>
    /// A table's columns to the flat row a model reads, and a model's output back to the table's own columns: a numeric
    /// column is a normal score (<see cref="QuantileScale"/>) and a "blank" indicator (the score is 0, a filler, where
    /// blank); a categorical column is a one-hot group over the categories seen in training (a blank is a category of its
    /// own). <see cref="Heads"/> tells the model the likelihood of each part. A condition column, if any, is not in the row:
    /// it becomes the one-hot condition vector of a conditional model.
    /// </summary>
    internal sealed class TableEncoding
    {
        /// <summary>The table's columns, in order (the condition column included).</summary>
        public IReadOnlyList<TableColumn> Columns { get; init; } = Array.Empty<TableColumn>();

        /// <summary>Each column's encoding, at the column's index.</summary>
        public IReadOnlyList<ColumnEncoding> Encodings { get; init; } = Array.Empty<ColumnEncoding>();

        /// <summary>The column rows are generated under (a categorical one), or null.</summary>
        public string? ConditionColumn { get; init; }

        /// <summary>Training rows the encoding was fitted on.</summary>
        public int TrainingRows { get; init; }

        /// <summary>The model's heads over the encoded row, in slot order; their Column is the table column's index.</summary>
        [JsonIgnore]
        public IReadOnlyList<TableHead> Heads => _layout ??= Layout();

        /// <summary>Values per encoded row.</summary>
        [JsonIgnore]
        public int Width => Heads.Count == 0 ? 0 : Heads[^1].Start + Heads[^1].Width;

        /// <summary>Values of the condition vector: the condition column's categories, or 0.</summary>
        [JsonIgnore]
        public int ConditionWidth => ConditionIndex is int c ? Encodings[c].Categories!.Length : 0;

        /// <summary>The condition column's index, or null.</summary>
        [JsonIgnore]
        public int? ConditionIndex => ConditionColumn is null ? null : Columns.Select((c, i) => (c, i)).First(p => p.c.Name == ConditionColumn).i;

        IReadOnlyList<TableHead>? _layout;

        /// <summary>Fits the encoding to <paramref name="data"/>; <paramref name="conditionColumn"/>, if given, must be categorical.</summary>
        public static TableEncoding Fit(TableData data, string? conditionColumn = null, int quantiles = 1024,
                                        ContinuousEncoding continuous = ContinuousEncoding.Quantile)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            if (data.RowCount == 0) throw new ArgumentException("The table has no rows to fit an encoding to.", nameof(data));
            if (conditionColumn is not null) {
                var c = data.Columns[data.IndexOf(conditionColumn)];
                if (c.Kind != TableColumnKind.Categorical)
                    throw new ArgumentException($"The condition column '{conditionColumn}' is {c.Kind}: rows are generated under a category (text, Boolean or key).",
                                                nameof(conditionColumn));
            }
            var encodings = new ColumnEncoding[data.Columns.Count];
            for (var j = 0; j < encodings.Length; j++) {
                var missing = Enumerable.Range(0, data.RowCount).Count(r => data.IsMissing(j, r));
                if (missing == data.RowCount)
                    throw new ArgumentException($"Column '{data.Columns[j].Name}' is blank in every one of the {data.RowCount} rows: there is nothing to learn of it.", nameof(data));
                var rate = (double)missing / data.RowCount;
                if (data.Columns[j].IsNumeric) {
                    var modes = continuous == ContinuousEncoding.ModeSpecific
                        ? ColumnModes.Fit(data.Numbers(j)) : null;
                    encodings[j] = new ColumnEncoding {
                        Scale = QuantileScale.Fit(data.Numbers(j), quantiles), Modes = modes, MissingRate = rate,
                        Decimals = data.Columns[j].Kind == TableColumnKind.Continuous ? data.Decimals?[j] : null,
                    };
                } else {
                    var groups = data.Categories(j).GroupBy(v => v ?? "\0").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToArray();
                    encodings[j] = new ColumnEncoding {
                        Categories = groups.Select(g => g.Key == "\0" ? null : g.Key).ToArray(),
                        CategoryFrequencies = groups.Select(g => (double)g.Count() / data.RowCount).ToArray(),
                        MissingRate = rate,
                    };
                }
            }
            return new TableEncoding { Columns = data.Columns.ToArray(), Encodings = encodings, ConditionColumn = conditionColumn, TrainingRows = data.RowCount };
        }

        IReadOnlyList<TableHead> Layout()
        {
            var heads = new List<TableHead>();
            var slot = 0;
            for (var j = 0; j < Columns.Count; j++) {
                if (Columns[j].Name == ConditionColumn) continue;
                if (Columns[j].IsNumeric) {
                    heads.Add(new TableHead(TableHeadKind.Gaussian, slot, 1, j, MaskedBy: slot + 1));
                    heads.Add(new TableHead(TableHeadKind.Missing, slot + 1, 1, j));
                    slot += 2;
                    if (Encodings[j].Modes is { } modes) {
                        // The mode: a softmax over the column's modes, left out where the value is blank.
                        heads.Add(new TableHead(TableHeadKind.Categorical, slot, modes.Weights.Length, j, MaskedBy: slot - 1));
                        slot += modes.Weights.Length;
                    }
                } else {
                    var k = Encodings[j].Categories!.Length;
                    heads.Add(new TableHead(TableHeadKind.Categorical, slot, k, j));
                    slot += k;
                }
            }
            return heads;
        }

        /// <summary>
        /// Refuses a table whose columns differ from the training table's: a column missing, or its type changed. Extra
        /// columns are allowed (they are not read).
        /// </summary>
        public void Check(TableData data)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            foreach (var c in Columns) {
                var found = data.Columns.FirstOrDefault(d => d.Name == c.Name)
                    ?? throw new TableSchemaException(c.Name, $"The table has no column '{c.Name}', which the model was trained on.");
                if (found.ValueType != c.ValueType || found.Kind != c.Kind)
                    throw new TableSchemaException(c.Name, $"Column '{c.Name}' was {c.ValueType} ({c.Kind}) in training and is {found.ValueType} ({found.Kind}) now.");
            }
        }

        /// <summary>
        /// The encoded rows, row-major [rows, Width]. A category not seen in training is an all-zero group (the model
        /// scores it as having its unseen-category probability); a number outside the training range gets the end
        /// score; a blank number is a 0 score with its indicator set.
        /// </summary>
        public float[] Encode(TableData data)
        {
            Check(data);
            var width = Width;
            var x = new float[(long)data.RowCount * width];
            foreach (var group in Heads.GroupBy(h => h.Column)) {
                var j = data.IndexOf(Columns[group.Key].Name);
                var start = group.First().Start;
                if (Columns[group.Key].IsNumeric) {
                    var values = data.Numbers(j);
                    var scale = Encodings[group.Key].Scale!;
                    var modes = Encodings[group.Key].Modes;
                    for (var r = 0; r < data.RowCount; r++) {
                        if (double.IsNaN(values[r])) x[(long)r * width + start + 1] = 1;
                        else if (modes is null) x[(long)r * width + start] = (float)scale.Encode(values[r]);
                        else {
                            var mode = modes.ModeOf(values[r]);
                            x[(long)r * width + start] = (float)modes.Offset(values[r], mode);
                            x[(long)r * width + start + 2 + mode] = 1;
                        }
                    }
                } else {
                    var index = CategoryIndex(group.Key);
                    var values = data.Categories(j);
                    for (var r = 0; r < data.RowCount; r++)
                        if (index.TryGetValue(values[r] ?? "\0", out var k)) x[(long)r * width + start + k] = 1;
                }
            }
            return x;
        }

        /// <summary>
        /// Per row and column [rows, Columns], log dy/dx of each numeric value (<see cref="QuantileScale.LogSlope"/>), 0 for
        /// blanks and categories: what turns a likelihood of normal scores into one of the column's own values.
        /// </summary>
        public float[] LogSlopes(TableData data)
        {
            Check(data);
            var columns = Columns.Count;
            var slopes = new float[(long)data.RowCount * columns];
            for (var c = 0; c < columns; c++) {
                if (!Columns[c].IsNumeric || Columns[c].Name == ConditionColumn) continue;
                var values = data.Numbers(data.IndexOf(Columns[c].Name));
                var scale = Encodings[c].Scale!;
                var modes = Encodings[c].Modes;
                for (var r = 0; r < data.RowCount; r++) {
                    if (double.IsNaN(values[r])) continue;
                    // Mode by mode, the offset is (x - mean) / (4 sd): dy/dx = 1 / (4 sd) of the value's mode.
                    slopes[(long)r * columns + c] = (float)(modes is null ? scale.LogSlope(values[r]) : -Math.Log(4 * modes.Deviations[modes.ModeOf(values[r])]));
                }
            }
            return slopes;
        }

        /// <summary>The one-hot condition vectors [rows, ConditionWidth] of the table's condition column.</summary>
        public float[] EncodeConditions(TableData data)
        {
            var c = ConditionIndex ?? throw new InvalidOperationException("This encoding has no condition column.");
            return EncodeConditions(data.Categories(data.IndexOf(ConditionColumn!)));
        }

        /// <summary>One-hot condition vectors for the condition column's <paramref name="values"/>; a value not seen in training is refused.</summary>
        public float[] EncodeConditions(IReadOnlyList<string?> values)
        {
            var c = ConditionIndex ?? throw new InvalidOperationException("This encoding has no condition column.");
            var index = CategoryIndex(c);
            var width = ConditionWidth;
            var cond = new float[values.Count * width];
            for (var r = 0; r < values.Count; r++) {
                if (!index.TryGetValue(values[r] ?? "\0", out var k))
                    throw new TableSchemaException(ConditionColumn!, $"Column '{ConditionColumn}' had no value '{values[r]}' in training; it had " +
                                                   $"{string.Join(", ", Encodings[c].Categories!.Select(v => v is null ? "(blank)" : $"'{v}'"))}.");
                cond[r * width + k] = 1;
            }
            return cond;
        }

        Dictionary<string, int> CategoryIndex(int column) =>
            Encodings[column].Categories!.Select((v, k) => (v ?? "\0", k)).ToDictionary(p => p.Item1, p => p.k, StringComparer.Ordinal);

        /// <summary>
        /// Rows in the table's own columns from a model's output <paramref name="means"/> ([rows, Width]: Gaussian means in
        /// normal-score units, category probabilities, probabilities of "blank"): each value drawn from its head's
        /// distribution with <paramref name="random"/> (a number from N(mean, <paramref name="gaussianStd"/>), a category
        /// from its probabilities, a blank at its probability where the column had blanks), then decoded: numbers back
        /// through the quantiles (whole numbers rounded), categories by name. <paramref name="conditions"/> fills the
        /// condition column. A <paramref name="calibration"/> first maps each draw so that the columns' generated
        /// distributions are the training ones (<see cref="Calibrate"/>).
        /// </summary>
        public TableData Decode(float[] means, int rows, IReadOnlyList<float> gaussianStd, Random random, IReadOnlyList<string?>? conditions = null,
                                GenerationCalibration? calibration = null)
        {
            if (means.Length != (long)rows * Width) throw new ArgumentException($"{rows} rows need {rows * Width} values; got {means.Length}.", nameof(means));
            if (ConditionColumn is not null && (conditions is null || conditions.Count != rows))
                throw new ArgumentException($"The rows need one value each of the condition column '{ConditionColumn}'.", nameof(conditions));
            var values = new Array[Columns.Count];
            foreach (var (j, start, std) in Parts(gaussianStd)) {
                var enc = Encodings[j];
                var calibrated = calibration?.Columns[j];
                if (Columns[j].IsNumeric) {
                    var column = new double[rows];
                    for (var r = 0; r < rows; r++) {
                        var (y, blank) = Draw(means, r, start, std, enc, calibrated?.Weights, random);
                        if (blank) { column[r] = double.NaN; continue; }
                        var v = enc.Modes is { } modes
                            ? Calibrated(ModeValue(means, r, start, y, enc, modes, random), enc, calibrated)
                            : enc.Scale!.Decode(calibrated?.Scores is { } scores ? scores.Encode(y) : y);
                        column[r] = Columns[j].Kind == TableColumnKind.Integer ? Math.Round(v, MidpointRounding.AwayFromZero)
                            : enc.Decimals is int decimals ? Math.Round(v, decimals, MidpointRounding.AwayFromZero) : v;
                    }
                    values[j] = column;
                } else {
                    var column = new string?[rows];
                    var k = enc.Categories!.Length;
                    var p = new double[k];
                    for (var r = 0; r < rows; r++) {
                        for (var i = 0; i < k; i++) p[i] = means[(long)r * Width + start + i] * (calibrated?.Weights?[i] ?? 1);
                        column[r] = enc.Categories[Pick(p, random)];
                    }
                    values[j] = column;
                }
            }
            if (ConditionIndex is int c) values[c] = conditions!.ToArray();
            return new TableData(Columns, values);
        }

        /// <summary>
        /// What makes generated columns follow the training columns, measured on <paramref name="rows"/> generated rows'
        /// <paramref name="means"/>: for each number, the distribution of its drawn normal scores (mapped to N(0, 1) by
        /// their rank, so the quantiles give back the training distribution exactly) and weights that bring its blank rate
        /// to the training one; for each category, weights that bring its generated share to the training share (one
        /// iterative proportional fitting, each weight within [1/5, 5]). Every map is monotone within a column, so
        /// the relations the model learned between columns are kept.
        /// </summary>
        public GenerationCalibration Calibrate(float[] means, int rows, IReadOnlyList<float> gaussianStd, Random random)
        {
            if (means.Length != (long)rows * Width) throw new ArgumentException($"{rows} rows need {rows * Width} values; got {means.Length}.", nameof(means));
            var columns = new ColumnCalibration?[Columns.Count];
            foreach (var (j, start, std) in Parts(gaussianStd)) {
                var enc = Encodings[j];
                if (Columns[j].IsNumeric) {
                    double[]? weights = null;
                    if (enc.MissingRate > 0) {
                        // (value, blank) as a category pair: the same fitting as a category's.
                        var p = new double[rows * 2];
                        for (var r = 0; r < rows; r++) (p[2 * r], p[2 * r + 1]) = (1 - means[(long)r * Width + start + 1], means[(long)r * Width + start + 1]);
                        weights = Proportional(p, rows, new[] { 1 - enc.MissingRate, enc.MissingRate });
                    }
                    // The scores of the draws that come out as values (blank ones are not values): what the training values' quantiles describe.
                    var ys = new List<double>(rows);
                    for (var r = 0; r < rows; r++) {
                        var (y, blank) = Draw(means, r, start, std, enc, weights, random);
                        if (!blank) ys.Add(enc.Modes is { } modes ? ModeValue(means, r, start, y, enc, modes, random) : y);
                    }
                    columns[j] = enc.Modes is null
                        ? new ColumnCalibration { Scores = QuantileScale.Fit(ys.ToArray()), Weights = weights }
                        : new ColumnCalibration { Values = QuantileScale.Fit(ys.ToArray()), Weights = weights };
                } else {
                    var k = enc.Categories!.Length;
                    var p = new double[rows * k];
                    for (var r = 0; r < rows; r++)
                        for (var i = 0; i < k; i++) p[r * k + i] = means[(long)r * Width + start + i];
                    columns[j] = new ColumnCalibration { Weights = Proportional(p, rows, enc.CategoryFrequencies!) };
                }
            }
            return new GenerationCalibration { Columns = columns };
        }

        /// <summary>
        /// Weights w such that rows' probabilities p[r, i] * w[i], renormalised per row, average to <paramref name="wanted"/>:
        /// iterative proportional fitting, each weight kept within [1/5, 5] so that no category is forced far from what
        /// the model gives it.
        /// </summary>
        static double[] Proportional(double[] p, int rows, double[] wanted)
        {
            var k = wanted.Length;
            var w = Enumerable.Repeat(1.0, k).ToArray();
            var shares = new double[k];
            for (var iteration = 0; iteration < 20; iteration++) {
                Array.Clear(shares);
                for (var r = 0; r < rows; r++) {
                    var total = 0.0;
                    for (var i = 0; i < k; i++) total += p[r * k + i] * w[i];
                    if (total <= 0) continue;
                    for (var i = 0; i < k; i++) shares[i] += p[r * k + i] * w[i] / total / rows;
                }
                for (var i = 0; i < k; i++) w[i] = Math.Clamp(w[i] * wanted[i] / Math.Max(shares[i], 1e-12), 0.2, 5);
            }
            return w;
        }

        /// <summary>Each modelled column: its index, its first slot, and its Gaussian's spread (0 for categories).</summary>
        IEnumerable<(int column, int start, float std)> Parts(IReadOnlyList<float> gaussianStd)
        {
            var gaussian = 0;
            foreach (var group in Heads.GroupBy(h => h.Column))
                yield return (group.Key, group.First().Start, Columns[group.Key].IsNumeric ? gaussianStd[gaussian++] : 0f);
        }

        /// <summary>A number's draw: its normal score from N(mean, std), and whether it is blank (at its weighted probability).</summary>
        (double y, bool blank) Draw(float[] means, int r, int start, float std, ColumnEncoding enc, double[]? weights, Random random)
        {
            var p = (double)means[(long)r * Width + start + 1];
            if (weights is not null) p = p * weights[1] / (p * weights[1] + (1 - p) * weights[0]);
            var blank = enc.MissingRate > 0 && random.NextDouble() < p;
            return (means[(long)r * Width + start] + std * NormalDistribution.Draw(random), blank);
        }

        /// <summary>A mode-by-mode column's value: its mode drawn from the mode head, the offset <paramref name="y"/> put in that mode.</summary>
        double ModeValue(float[] means, int r, int start, double y, ColumnEncoding enc, ColumnModes modes, Random random)
        {
            var p = new double[modes.Weights.Length];
            for (var i = 0; i < p.Length; i++) p[i] = means[(long)r * Width + start + 2 + i];
            return Math.Clamp(modes.Value(y, Pick(p, random)), enc.Scale!.Minimum, enc.Scale.Maximum);
        }

        /// <summary>A generated value mapped by its rank among generated values onto the training values (mode-by-mode columns).</summary>
        static double Calibrated(double v, ColumnEncoding enc, ColumnCalibration? calibration) =>
            calibration?.Values is { } generated ? enc.Scale!.Decode(generated.Encode(v)) : v;

        static int Pick(double[] p, Random random)
        {
            var total = p.Sum();
            var u = random.NextDouble() * total;
            for (var (i, acc) = (0, 0.0); i < p.Length; i++) if (u < (acc += p[i])) return i;
            return p.Length - 1;
        }

    }

    /// <summary>How one column's draws are mapped when generating (<see cref="TableEncoding.Calibrate"/>).</summary>
    internal sealed class ColumnCalibration
    {
        /// <summary>A number's generated normal scores, whose quantile transform maps a draw to N(0, 1) by its rank; null for categories.</summary>
        public QuantileScale? Scores { get; init; }

        /// <summary>A mode-by-mode number's generated values, mapped by rank onto the training values; null otherwise.</summary>
        public QuantileScale? Values { get; init; }

        /// <summary>Per category, the weight its probability is multiplied by; for a number with blanks, the weights of (value, blank).</summary>
        public double[]? Weights { get; init; }
    }

    /// <summary>Per column (null for the condition column), how draws are mapped so that generated columns follow the training columns.</summary>
    internal sealed class GenerationCalibration
    {
        /// <summary>At each column's index.</summary>
        public IReadOnlyList<ColumnCalibration?> Columns { get; init; } = Array.Empty<ColumnCalibration?>();
    }

    /// <summary>A table that does not fit the model: a column missing, of another type than in training, or a value it cannot take.</summary>
    public sealed class TableSchemaException : ArgumentException
    {
        /// <summary>An error about <paramref name="column"/>.</summary>
        internal TableSchemaException(string column, string message) : base(message) => Column = column;

        /// <summary>The column at fault.</summary>
        public string Column { get; }
    }
}

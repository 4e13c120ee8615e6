using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.ML;
using Microsoft.ML.Data;

// The scoring service: loads a model saved by mlContext.Model.Save or by `gml train` once, then answers POST /score.
//   dotnet ScoringService.dll --model model.zip [--urls http://127.0.0.1:5080] [--max-rows 10000] [--max-body-bytes 4194304]
//                             [--score Score] [--label PredictedLabel] [--contributions FeatureContributions] [--drain-seconds 2]
// Request:  {"rows": [[0.1, 2.3, ...], ...]}  (each row: the model's input values in the order GET /health/ready lists)
// Response: {"results": [{"score": 1.7, "label": false, "top": [{"feature": 3, "contribution": 0.9}, ...]}, ...]}
// Operators: GET /health/live (the process answers), GET /health/ready (the model is loaded and the service is not
// shutting down: 503 once SIGTERM arrives, while accepted requests finish), metrics on the meter
// "Generative.ML.ScoringService" (requests, rows, latency; dotnet-counters or OpenTelemetry read them).
var builder = WebApplication.CreateBuilder(args);
var settings = ServiceSettings.From(builder.Configuration);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = settings.MaxBodyBytes);
// Accepted requests get this long to finish after SIGTERM before the host stops anyway.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
using var scorer = new ModelScorer(settings);
var app = builder.Build();
var stopping = app.Lifetime.ApplicationStopping;
// On SIGTERM: /health/ready answers 503 at once while the service keeps serving for --drain-seconds, so a load balancer
// stops sending; then it stops listening and finishes the requests it accepted.
stopping.Register(() => System.Threading.Thread.Sleep(TimeSpan.FromSeconds(settings.DrainSeconds)));

app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
app.MapGet("/health/ready", () => stopping.IsCancellationRequested
    ? Results.Json(new { status = "stopping" }, statusCode: StatusCodes.Status503ServiceUnavailable)
    : Results.Ok(new { status = "ready", width = scorer.Width, columns = scorer.Columns, maxRows = settings.MaxRows }));
app.MapGet("/health", () => Results.Ok(new { status = "ok", width = scorer.Width }));
app.MapPost("/score", async (HttpRequest http) => {
    var clock = Stopwatch.StartNew();
    var result = await Score(http);
    ServiceMetrics.Requests.Add(1, new KeyValuePair<string, object?>("status", result.Status));
    ServiceMetrics.Latency.Record(clock.Elapsed.TotalMilliseconds);
    return result.Answer;
});
app.Run();

async Task<(int Status, IResult Answer)> Score(HttpRequest http)
{
    (int, IResult) Refuse(int status, string error) => (status, Results.Json(new { error }, statusCode: status));
    (int, IResult) TooLarge(string error)
    {
        // The rest of the body is not read: the connection closes after the answer, so the client does not send the next request on it.
        http.HttpContext.Response.Headers.Connection = "close";
        return Refuse(StatusCodes.Status413PayloadTooLarge, error);
    }
    if (http.ContentLength > settings.MaxBodyBytes) return TooLarge($"The body has {http.ContentLength} bytes; this service takes at most {settings.MaxBodyBytes}.");
    ScoreRequest? request;
    try {
        request = await JsonSerializer.DeserializeAsync<ScoreRequest>(http.Body, ScoreRequest.Json, http.HttpContext.RequestAborted);
    } catch (JsonException e) {
        // The reader's own words: where in the body (a JSON path, a line and a byte) and what it found there.
        return Refuse(StatusCodes.Status400BadRequest, $"The body is not the JSON this service takes ({{\"rows\": [[numbers], ...]}}): {e.Message}");
    } catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) {
        return TooLarge($"The body is larger than the {settings.MaxBodyBytes} bytes this service takes.");
    }
    if (request?.Rows is not { Count: > 0 } rows) return Refuse(StatusCodes.Status400BadRequest, "The body needs \"rows\": a non-empty array of rows.");
    if (rows.Count > settings.MaxRows)
        return Refuse(StatusCodes.Status413PayloadTooLarge, $"The body has {rows.Count} rows; this service scores at most {settings.MaxRows} per request.");
    for (var i = 0; i < rows.Count; i++) {
        if (rows[i] is not { } row || row.Length != scorer.Width)
            return Refuse(StatusCodes.Status400BadRequest, $"Row {i} has {rows[i]?.Length ?? 0} values; the model takes {scorer.Width} ({string.Join(", ", scorer.Columns)}).");
        for (var j = 0; j < row.Length; j++)
            if (!float.IsFinite(row[j])) return Refuse(StatusCodes.Status400BadRequest, $"Row {i}, value {j} is {row[j]}: only finite numbers are scored.");
    }
    ServiceMetrics.Rows.Add(rows.Count);
    return (StatusCodes.Status200OK, Results.Ok(new { results = scorer.Score(rows) }));
}

/// <summary>The service's command line (ASP.NET Core configuration: --name value, or environment variables).</summary>
public sealed record ServiceSettings(string ModelPath, int MaxRows, long MaxBodyBytes, string ScoreColumn, string LabelColumn, string ContributionsColumn, double DrainSeconds)
{
    public static ServiceSettings From(IConfiguration c)
    {
        var model = c["model"] ?? throw new ArgumentException("Give the saved model: --model path/to/model.zip");
        int maxRows = int.TryParse(c["max-rows"] ?? "10000", out var r) && r > 0 ? r : throw new ArgumentException($"--max-rows must be a positive whole number, not '{c["max-rows"]}'.");
        long maxBody = long.TryParse(c["max-body-bytes"] ?? "4194304", out var b) && b > 0 ? b : throw new ArgumentException($"--max-body-bytes must be a positive whole number, not '{c["max-body-bytes"]}'.");
        double drain = double.TryParse(c["drain-seconds"] ?? "2", System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && d >= 0 && d <= 25
            ? d : throw new ArgumentException($"--drain-seconds must be a number of seconds from 0 to 25, not '{c["drain-seconds"]}'.");
        // A relative path is the caller's: the working directory `dotnet ScoringService.dll` (or `dotnet run`, see the project file) was started in.
        return new(Path.GetFullPath(model), maxRows, maxBody, c["score"] ?? "Score", c["label"] ?? "PredictedLabel", c["contributions"] ?? "FeatureContributions", drain);
    }
}

/// <summary>The request body: rows of the model's input values.</summary>
public sealed record ScoreRequest(List<float[]>? Rows)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { MaxDepth = 8 };
}

/// <summary>One row's answer: its score, its label, and the features that contribute most to the score.</summary>
public sealed record RowScore(float Score, bool Label, IReadOnlyList<FeatureShare> Top);

/// <summary>A feature (by its index in the row) and its share of the score.</summary>
public sealed record FeatureShare(int Feature, float Contribution);

/// <summary>The service's measurements, on a meter that dotnet-counters and OpenTelemetry read by its name.</summary>
public static class ServiceMetrics
{
    public const string MeterName = "Generative.ML.ScoringService";
    static readonly Meter Meter = new(MeterName);
    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("scoring.requests", description: "Requests to /score, by HTTP status.");
    public static readonly Counter<long> Rows = Meter.CreateCounter<long>("scoring.rows", description: "Rows scored.");
    public static readonly Histogram<double> Latency = Meter.CreateHistogram<double>("scoring.request.duration", unit: "ms", description: "Time to answer /score.");
}

/// <summary>
/// The loaded model, whatever saved it: a pipeline over one vector column (mlContext.Model.Save) or over named number
/// columns with a sampling seed column (gml train). A request's rows are scored in one Transform: LoadBatched's
/// transforms run ONNX Runtime once per block of rows, not once per row. The pipeline is stateless, so requests share it.
/// </summary>
public sealed class ModelScorer : IDisposable
{
    const int TopFeatures = 3;
    readonly MLContext _ml = new();
    readonly ITransformer _model;
    readonly DataViewSchema _input;
    readonly ServiceSettings _settings;
    readonly bool _hasContributions;

    public ModelScorer(ServiceSettings settings)
    {
        _settings = settings;
        // LoadBatched checks the file (sizes, and each graph against the hash in its model card) before anything runs.
        _model = _ml.Model.LoadBatched(settings.ModelPath, out _input);
        var numbers = _input.Where(c => ItemType(c.Type) == NumberDataViewType.Single).ToArray();
        if (numbers.Length == 0 || numbers.Any(c => c.Type is VectorDataViewType { IsKnownSize: false }))
            throw new ArgumentException($"{settings.ModelPath}: the model takes no Single columns of known size, so rows of numbers cannot be scored.");
        Columns = numbers.SelectMany(c => c.Type is VectorDataViewType v ? Enumerable.Range(0, v.Size).Select(i => $"{c.Name}[{i}]") : new[] { c.Name }).ToArray();
        Width = Columns.Count;
        var output = _model.GetOutputSchema(_input);
        if (output.GetColumnOrNull(settings.ScoreColumn)?.Type != NumberDataViewType.Single || output.GetColumnOrNull(settings.LabelColumn)?.Type != BooleanDataViewType.Instance)
            throw new ArgumentException($"{settings.ModelPath}: the model gives no '{settings.ScoreColumn}' score and '{settings.LabelColumn}' label (an anomaly-score pipeline is needed; --score and --label name other columns).");
        _hasContributions = output.GetColumnOrNull(settings.ContributionsColumn) is not null;
    }

    /// <summary>Values per row the model takes.</summary>
    public int Width { get; }

    static DataViewType ItemType(DataViewType type) => type is VectorDataViewType v ? v.ItemType : type;

    /// <summary>What each value of a row is: a column, or a vector column's slot.</summary>
    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<RowScore> Score(IReadOnlyList<float[]> rows)
    {
        var scored = _model.Transform(new RowsView(_input, rows));
        var results = new List<RowScore>(rows.Count);
        var score = scored.Schema[_settings.ScoreColumn];
        var label = scored.Schema[_settings.LabelColumn];
        var wanted = new List<DataViewSchema.Column> { score, label };
        DataViewSchema.Column? contributions = _hasContributions ? scored.Schema[_settings.ContributionsColumn] : null;
        if (contributions is { } c) wanted.Add(c);
        using var cursor = scored.GetRowCursor(wanted);
        var getScore = cursor.GetGetter<float>(score);
        var getLabel = cursor.GetGetter<bool>(label);
        var getContributions = contributions is { } col ? cursor.GetGetter<VBuffer<float>>(col) : null;
        float s = 0;
        bool l = false;
        VBuffer<float> shares = default;
        while (cursor.MoveNext()) {
            getScore(ref s);
            getLabel(ref l);
            IReadOnlyList<FeatureShare> top = Array.Empty<FeatureShare>();
            if (getContributions is not null) {
                getContributions(ref shares);
                top = shares.DenseValues().Select((v, i) => new FeatureShare(i, v)).OrderByDescending(f => f.Contribution).Take(TopFeatures).ToArray();
            }
            results.Add(new RowScore(s, l, top));
        }
        return results;
    }

    public void Dispose() => (_model as IDisposable)?.Dispose();

    /// <summary>The request's rows as the model's input: Single columns (vectors or scalars) filled in order, any other column (a sampling seed) zero.</summary>
    sealed class RowsView(DataViewSchema schema, IReadOnlyList<float[]> rows) : IDataView
    {
        readonly IReadOnlyList<float[]> _rows = rows;

        public bool CanShuffle => false;
        public DataViewSchema Schema => schema;
        public long? GetRowCount() => rows.Count;
        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);
        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => new[] { GetRowCursor(columnsNeeded, rand) };

        /// <summary>Where each column's values start in a row (-1 for columns that are not Single).</summary>
        readonly int[] _offsets = Offsets(schema);

        static int[] Offsets(DataViewSchema schema)
        {
            var offsets = new int[schema.Count];
            var at = 0;
            foreach (var c in schema) {
                if (ItemType(c.Type) != NumberDataViewType.Single) { offsets[c.Index] = -1; continue; }
                offsets[c.Index] = at;
                at += c.Type is VectorDataViewType v ? v.Size : 1;
            }
            return offsets;
        }

        sealed class Cursor(RowsView view) : DataViewRowCursor
        {
            int _row = -1;
            public override DataViewSchema Schema => view.Schema;
            public override long Position => _row;
            public override long Batch => 0;
            public override bool MoveNext() => ++_row < view.GetRowCount();
            public override bool IsColumnActive(DataViewSchema.Column column) => true;
            public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_row, 0);

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
            {
                var offset = view._offsets[column.Index];
                if (column.Type is VectorDataViewType vector && offset >= 0)
                    return (ValueGetter<TValue>)(Delegate)(ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
                        value = new VBuffer<float>(vector.Size, view._rows[_row].AsSpan(offset, vector.Size).ToArray()));
                if (offset >= 0) return (ValueGetter<TValue>)(Delegate)(ValueGetter<float>)((ref float value) => value = view._rows[_row][offset]);
                return (ref TValue value) => value = default!; // a seed column: sampling is not what this service does
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

// The scoring service: loads a model saved by mlContext.Model.Save once, then answers POST /score.
//   dotnet ScoringService.dll --model model.zip [--features Features] [--urls http://127.0.0.1:5080]
// Request:  {"rows": [[0.1, 2.3, ...], ...]}  (each row: the model's feature vector)
// Response: {"results": [{"score": 1.7, "label": false, "top": [{"feature": 3, "contribution": 0.9}, ...]}, ...]}
var builder = WebApplication.CreateBuilder(args);
var modelPath = builder.Configuration["model"] ?? throw new ArgumentException("Give the saved model: --model path/to/model.zip");
var featureColumn = builder.Configuration["features"] ?? "Features";
var scorer = new ModelScorer(modelPath, featureColumn);
var app = builder.Build();

app.MapGet("/health", () => Results.Ok(new { status = "ok", width = scorer.Width }));
app.MapPost("/score", (ScoreRequest request) => {
    if (request.Rows is not { Count: > 0 } rows) return Results.BadRequest(new { error = "The body needs \"rows\": a non-empty array of rows." });
    for (var i = 0; i < rows.Count; i++)
        if (rows[i] is null || rows[i].Length != scorer.Width)
            return Results.BadRequest(new { error = $"Row {i} has {rows[i]?.Length ?? 0} values; the model takes {scorer.Width}." });
    return Results.Ok(new { results = scorer.Score(rows) });
});
app.Run();

/// <summary>The request body: rows of the model's feature vector.</summary>
public sealed record ScoreRequest(List<float[]>? Rows);

/// <summary>One row's answer: its score, its label, and the features that contribute most to the score.</summary>
public sealed record RowScore(float Score, bool Label, IReadOnlyList<FeatureShare> Top);

/// <summary>A feature (by its index in the row) and its share of the score.</summary>
public sealed record FeatureShare(int Feature, float Contribution);

/// <summary>The loaded model and a pool of prediction engines (an engine serves one thread at a time; the pool makes that safe).</summary>
public sealed class ModelScorer
{
    const int TopFeatures = 3;
    readonly ObjectPool<PredictionEngine<Input, Output>> _engines;
    readonly bool _hasContributions;

    public ModelScorer(string path, string featureColumn)
    {
        var ml = new MLContext();
        // The saved pipeline's glue is found by its contract name in this assembly (ML.NET's custom mappings).
        ml.ComponentCatalog.RegisterAssembly(typeof(Generative.ML.Transformers.GenerativeTransformer).Assembly);
        var model = ml.Model.Load(path, out var schema);
        if (schema.GetColumnOrNull(featureColumn) is not { Type: VectorDataViewType { IsKnownSize: true } vector } || vector.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"{path}: the model has no known-size Single vector input column '{featureColumn}'.");
        Width = vector.Size;
        var output = model.GetOutputSchema(schema);
        if (output.GetColumnOrNull("Score") is null || output.GetColumnOrNull("PredictedLabel") is null)
            throw new ArgumentException($"{path}: the model gives no Score and PredictedLabel columns (an anomaly-score pipeline is needed).");
        _hasContributions = output.GetColumnOrNull("FeatureContributions") is not null;
        var inputDefinition = SchemaDefinition.Create(typeof(Input));
        inputDefinition[nameof(Input.Features)].ColumnName = featureColumn;
        inputDefinition[nameof(Input.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Width);
        var outputDefinition = SchemaDefinition.Create(typeof(Output), SchemaDefinition.Direction.Write);
        if (!_hasContributions) outputDefinition.RemoveAll(c => c.MemberName == nameof(Output.FeatureContributions));
        else outputDefinition[nameof(Output.FeatureContributions)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Width);
        _engines = new DefaultObjectPool<PredictionEngine<Input, Output>>(
            new EnginePolicy(() => ml.Model.CreatePredictionEngine<Input, Output>(model, ignoreMissingColumns: true, inputDefinition, outputDefinition)));
    }

    /// <summary>Values per row the model takes.</summary>
    public int Width { get; }

    public IReadOnlyList<RowScore> Score(IReadOnlyList<float[]> rows)
    {
        var engine = _engines.Get();
        try {
            var input = new Input();
            var output = new Output();
            var results = new List<RowScore>(rows.Count);
            foreach (var row in rows) {
                input.Features = row;
                engine.Predict(input, ref output);
                var top = _hasContributions
                    ? output.FeatureContributions.Select((c, i) => new FeatureShare(i, c)).OrderByDescending(f => f.Contribution).Take(TopFeatures).ToArray()
                    : Array.Empty<FeatureShare>();
                results.Add(new RowScore(output.Score, output.PredictedLabel, top));
            }
            return results;
        } finally {
            _engines.Return(engine);
        }
    }

    public sealed class Input
    {
        public float[] Features { get; set; } = Array.Empty<float>();
    }

    public sealed class Output
    {
        public float Score { get; set; }
        public bool PredictedLabel { get; set; }
        public float[] FeatureContributions { get; set; } = Array.Empty<float>();
    }

    sealed class EnginePolicy(Func<PredictionEngine<Input, Output>> create) : IPooledObjectPolicy<PredictionEngine<Input, Output>>
    {
        public PredictionEngine<Input, Output> Create() => create();
        public bool Return(PredictionEngine<Input, Output> engine) => true;
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using Generative.ML.Estimators.Fitting;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Optimization;
using Generative.ML.Transformers;
using Generative.ML.Transformers.Glue;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators
{
    /// <summary>What a fitted transform gives.</summary>
    public enum GenerativeOutput
    {
        /// <summary>The code, or the VAE's posterior mean: a known-size Single vector of LatentSize.</summary>
        Encode,
        /// <summary>decode(encode(x)): the mean of p(x | z = mu), a vector of the input's size.</summary>
        Reconstruct,
        /// <summary>Score (Single, higher = more anomalous) and PredictedLabel (Boolean).</summary>
        AnomalyScore,
    }

    /// <summary>
    /// Trains an autoencoder or VAE on Fit (TorchSharp), exports it to ONNX and returns a <see cref="GenerativeTransformer"/>
    /// built from ML.NET's own saveable transforms. Made by the catalog methods (VaeEncode, VaeAnomalyScore, ...).
    /// </summary>
    public sealed class GenerativeEstimator : IEstimator<GenerativeTransformer>
    {
        // The ONNX outputs' column names before they are renamed or mapped; dropped from the output.
        const string EncodedColumn = "GenerativeML.Encoded", ReconstructedColumn = "GenerativeML.Reconstructed";

        readonly GenerativeOutput _output;
        readonly string _outputColumn, _inputColumn;
        readonly GenerativeEstimatorOptions _options;

        internal GenerativeEstimator(GenerativeOutput output, string outputColumnName, string inputColumnName, GenerativeEstimatorOptions options)
        {
            if (string.IsNullOrWhiteSpace(inputColumnName)) throw new ArgumentException("The input column name is empty.", nameof(inputColumnName));
            if (string.IsNullOrWhiteSpace(outputColumnName)) throw new ArgumentException("The output column name is empty.", nameof(outputColumnName));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _options.Validate();
            _output = output;
            _outputColumn = outputColumnName;
            _inputColumn = inputColumnName;
        }

        /// <summary>Checks the input column before any work; the new columns' shapes are borrowed from ML.NET's transforms.</summary>
        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            FeatureColumn.Check(inputSchema, _inputColumn);
            var ml = new MLContext();
            return _output == GenerativeOutput.AnomalyScore
                ? ml.Transforms.CustomMapping<NoColumns, AnomalyColumns>((_, _) => { }, contractName: null).GetOutputSchema(inputSchema)
                : ml.Transforms.Concatenate(_outputColumn, _inputColumn).GetOutputSchema(inputSchema);
        }

        public GenerativeTransformer Fit(IDataView input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            var data = FeatureColumn.Read(input, _inputColumn);
            using var model = ModelFactory.Create(_options, data.FeatureCount);
            new Trainer(_options.TrainerOptions()).Fit(model, data, _options.Progress, _options.CancellationToken);

            var ml = new MLContext(_options.Seed);
            var score = _options is VariationalAutoencoderOptions v ? v.Score : AnomalyScoreKind.ReconstructionError;
            switch (_output) {
                case GenerativeOutput.Encode: {
                    var latent = model is VariationalAutoencoder ? "mu" : "code";
                    var onnx = OnnxExporter.Export(model, Options(score, null, (latent, EncodedColumn))).Encoder;
                    return new GenerativeTransformer(Renamed(ml, input, onnx, EncodedColumn), onnx, null);
                }
                case GenerativeOutput.Reconstruct: {
                    var onnx = OnnxExporter.Export(model, Options(score, null, ("reconstruction", ReconstructedColumn))).Scorer;
                    return new GenerativeTransformer(Renamed(ml, input, onnx, ReconstructedColumn), onnx, null);
                }
                default: {
                    var uncalibrated = OnnxExporter.Export(model, Options(score, null)).Scorer;
                    var threshold = Calibration.Threshold(uncalibrated, _inputColumn, data, _options.Contamination);
                    var onnx = OnnxExporter.Export(model, Options(score, threshold, ("score", ScoreVectors.ScoreColumn), ("label", ScoreVectors.LabelColumn))).Scorer;
                    var onnxTransform = Onnx(ml, input, onnx, ScoreVectors.ScoreColumn, ScoreVectors.LabelColumn);
                    var glue = ml.Transforms.CustomMapping(new ScoreGlueFactory().GetMapping(), ScoreGlueFactory.Contract);
                    var drop = ml.Transforms.DropColumns(ScoreVectors.ScoreColumn, ScoreVectors.LabelColumn);
                    var scored = onnxTransform.Transform(input);
                    var chain = new TransformerChain<ITransformer>(onnxTransform, glue.Fit(scored)).Append(drop.Fit(glue.Fit(scored).Transform(scored)));
                    return new GenerativeTransformer(chain, onnx, threshold);
                }
            }
        }

        OnnxExportOptions Options(AnomalyScoreKind score, float? threshold, params (string from, string to)[] outputs)
        {
            var names = new Dictionary<string, string> { ["x"] = _inputColumn };
            foreach (var (from, to) in outputs) names[from] = to;
            return new OnnxExportOptions { AnomalyThreshold = threshold, Score = score, Names = names };
        }

        ITransformer Onnx(MLContext ml, IDataView input, byte[] onnx, params string[] outputs)
        {
            using var stream = new MemoryStream(onnx, writable: false);
            return ml.Transforms.ApplyOnnxModel(outputs, new[] { _inputColumn }, stream).Fit(input);
        }

        /// <summary>The ONNX transform, then its output copied to the user's column name and the original dropped.</summary>
        ITransformer Renamed(MLContext ml, IDataView input, byte[] onnx, string onnxOutput)
        {
            var onnxTransform = Onnx(ml, input, onnx, onnxOutput);
            var afterOnnx = onnxTransform.Transform(input);
            var copy = ml.Transforms.CopyColumns(_outputColumn, onnxOutput).Fit(afterOnnx);
            var drop = ml.Transforms.DropColumns(onnxOutput).Fit(copy.Transform(afterOnnx));
            return new TransformerChain<ITransformer>(onnxTransform, copy, drop);
        }

        /// <summary>A class without columns: a custom mapping over it only adds its output's columns (for GetOutputSchema).</summary>
        sealed class NoColumns { }
    }
}

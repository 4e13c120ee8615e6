using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Onnx;
using Generative.ML.Training.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Generative.ML.Training.Tests.Export
{
    /// <summary>What the exported files hold: opset, free batch dimension, names, initializers, metadata, no randomness.</summary>
    public class ExportFormatTests
    {
        static readonly string[] RandomOperators = { "RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike", "Multinomial", "Bernoulli", "Dropout" };

        [Fact]
        public void Vae_graphs_have_opset_17_named_inputs_and_outputs_and_a_free_batch_dimension()
        {
            using var model = ExportCases.Trained("cvae", "mlp");
            var exported = OnnxExporter.Export(model);
            var encoder = ModelProto.Parser.ParseFrom(exported.Encoder);
            var decoder = ModelProto.Parser.ParseFrom(exported.Decoder);
            var scorer = ModelProto.Parser.ParseFrom(exported.Scorer);

            foreach (var m in new[] { encoder, decoder, scorer }) {
                Assert.Equal(17, Assert.Single(m.OpsetImport).Version);
                Assert.Equal(8, m.IrVersion);
                Assert.All(m.Graph.Input.Concat(m.Graph.Output), v => Assert.Equal("batch", v.Type.TensorType.Shape.Dim[0].DimParam));
                Assert.DoesNotContain(m.Graph.Node, n => RandomOperators.Contains(n.OpType));
                Assert.NotEmpty(m.Graph.Initializer);
            }
            Assert.Equal(new[] { "x", "condition" }, encoder.Graph.Input.Select(i => i.Name));
            Assert.Equal(new[] { "mu", "logvar" }, encoder.Graph.Output.Select(o => o.Name));
            Assert.Equal(new[] { "z", "condition" }, decoder.Graph.Input.Select(i => i.Name));
            Assert.Equal(new[] { "reconstruction" }, decoder.Graph.Output.Select(o => o.Name));
            Assert.Equal(new[] { "reconstruction", "reconstruction_error", "negative_elbo", "score", "label", "score_label", "contributions" }, scorer.Graph.Output.Select(o => o.Name));
            Assert.Equal(ExportCases.Features, scorer.Graph.Output.Single(o => o.Name == "contributions").Type.TensorType.Shape.Dim[1].DimValue);
            Assert.Equal((int)TensorProto.Types.DataType.Bool, scorer.Graph.Output.Single(o => o.Name == "label").Type.TensorType.ElemType);
            Assert.Equal(ExportCases.Features, encoder.Graph.Input[0].Type.TensorType.Shape.Dim[1].DimValue);
            Assert.Equal(ExportCases.Conditions, encoder.Graph.Input[1].Type.TensorType.Shape.Dim[1].DimValue);
            Assert.Equal(ExportCases.Latent, decoder.Graph.Input[0].Type.TensorType.Shape.Dim[1].DimValue);
        }

        [Fact]
        public void Every_parameter_of_the_inference_path_is_an_initializer()
        {
            using var model = ExportCases.Trained("ae", "mlp");
            var scorer = ModelProto.Parser.ParseFrom(OnnxExporter.Export(model).Scorer);
            // Encoder and decoder weights, biases and batch-norm affine terms and running statistics: every one of them
            // is needed at inference, so the scorer carries all of their values.
            var expected = model.named_parameters().Sum(p => p.parameter.numel())
                           + model.named_buffers().Where(b => !b.name.EndsWith("num_batches_tracked")).Sum(b => b.buffer.numel());
            var exportedFloats = scorer.Graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float && t.Dims.Count > 0)
                                                         .Sum(t => t.Dims.Aggregate(1L, (a, d) => a * d));
            Assert.Equal(expected, exportedFloats);
        }

        [Fact]
        public void Metadata_names_the_model_and_its_settings()
        {
            using var model = ExportCases.Trained("vae-bernoulli", "conv");
            var exported = OnnxExporter.Export(model, new OnnxExportOptions { AnomalyThreshold = 12.5 });
            using var session = new InferenceSession(exported.Scorer);
            var map = session.ModelMetadata.CustomMetadataMap;
            Assert.Equal("scorer", map["graph"]);
            Assert.Equal("VariationalAutoencoder", map["model_kind"]);
            Assert.Equal(ExportCases.Features.ToString(), map["input_size"]);
            Assert.Equal(ExportCases.Latent.ToString(), map["latent_size"]);
            Assert.Equal("0", map["condition_size"]);
            Assert.Equal("Bernoulli", map["likelihood"]);
            Assert.Equal("1", map["beta"]);
            Assert.False(map.ContainsKey("anomaly_threshold")); // the threshold lives once, in the scorer's initializer
            Assert.Equal("negative_elbo", map["score"]);
            Assert.Matches(@"^\d+\.\d+\.\d+", map["library_version"]);
            Assert.Equal("Generative.ML", session.ModelMetadata.ProducerName);
            foreach (var bytes in new[] { exported.Encoder, exported.Decoder }) {
                using var other = new InferenceSession(bytes);
                Assert.Equal(map.Where(kv => kv.Key != "graph"), other.ModelMetadata.CustomMetadataMap.Where(kv => kv.Key != "graph"));
            }
        }

        [Fact]
        public void Without_a_calibrated_threshold_no_row_is_labelled_and_the_metadata_says_nothing()
        {
            using var model = ExportCases.Trained("ae", "mlp");
            var exported = OnnxExporter.Export(model);
            Assert.False(exported.Metadata.ContainsKey("anomaly_threshold"));
            using var scorer = new InferenceSession(exported.Scorer);
            var x = ExportCases.Rows(new Random(1), 16, ExportCases.Features);
            for (var i = 0; i < 35; i++) x[i] = 1e6f; // a wild row still gets no label without a threshold
            var outputs = OnnxRun.Floats(scorer, ("x", x, ExportCases.Features));
            Assert.All(outputs["label"], l => Assert.Equal(0f, l));
            Assert.True(outputs["score"][0] > 1e6);
        }

        [Fact]
        public void A_nan_threshold_and_a_missing_model_are_refused()
        {
            using var model = new Autoencoder(4, 2);
            var e = Assert.Throws<ArgumentException>(() => OnnxExporter.Export(model, new OnnxExportOptions { AnomalyThreshold = double.NaN }));
            Assert.Equal("AnomalyThreshold", e.ParamName);
            Assert.Throws<ArgumentNullException>(() => OnnxExporter.Export(null!));
        }

        [Fact]
        public void The_exported_scorer_refuses_rows_of_the_wrong_width_naming_its_input()
        {
            using var model = new Autoencoder(6, 2);
            model.eval();
            using var scorer = new InferenceSession(OnnxExporter.Export(model).Scorer);
            using var value = OrtValue.CreateTensorValueFromMemory(new float[10], new long[] { 2, 5 });
            using var options = new RunOptions();
            var e = Assert.Throws<OnnxRuntimeException>(() => scorer.Run(options, new[] { "x" }, new[] { value }, scorer.OutputNames));
            Assert.Contains("input: x", e.Message);
            Assert.Contains("Expected: 6", e.Message);
        }

        [Fact]
        public void Save_writes_three_files_that_load_from_their_paths()
        {
            using var model = new VariationalAutoencoder(6, 2);
            model.eval();
            var dir = Path.Combine(Path.GetTempPath(), $"gml-export-{Guid.NewGuid():N}");
            try {
                OnnxExporter.Export(model).Save(dir);
                foreach (var name in new[] { "encoder", "decoder", "scorer" }) {
                    using var session = new InferenceSession(Path.Combine(dir, $"{name}.onnx"));
                    Assert.Equal(name, session.ModelMetadata.CustomMetadataMap["graph"]);
                }
            } finally {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
        }

        [OnnxCheckerFact]
        [Trait("Category", "EndToEnd")]
        public void Every_exported_file_passes_the_onnx_checker()
        {
            var dir = Path.Combine(Path.GetTempPath(), $"gml-checker-{Guid.NewGuid():N}");
            try {
                var paths = new List<string>();
                foreach (var c in ExportCases.All().Append(new object[] { "gan", "mlp" }).Append(new object[] { "gan", "conv" })
                                             .Append(new object[] { "aae-mixture", "mlp" })) {
                    var (kind, architecture) = ((string)c[0], (string)c[1]);
                    using var model = ExportCases.Trained(kind, architecture);
                    var caseDir = Path.Combine(dir, $"{kind}-{architecture}");
                    OnnxExporter.Export(model, new OnnxExportOptions { AnomalyThreshold = 1, SamplerNoiseWidth = 16 }).Save(caseDir);
                    paths.AddRange(new[] { "encoder", "decoder", "scorer", "sampler" }.Select(n => Path.Combine(caseDir, $"{n}.onnx"))
                                       .Where(p => model is not GenerativeAdversarialNetwork || !p.EndsWith("encoder.onnx"))); // a GAN has no encoder
                    if (model is VariationalAutoencoder && model.ConditionSize == 0) {
                        var iwae = Path.Combine(caseDir, "scorer-iwae.onnx");
                        File.WriteAllBytes(iwae, OnnxExporter.Export(model, new OnnxExportOptions { Score = AnomalyScoreKind.ImportanceWeightedNll }).Scorer);
                        paths.Add(iwae);
                    }
                }
                var exit = PythonOnnx.Check(paths.ToArray(), out var output);
                Assert.True(exit == 0, $"onnx.checker rejected a file:\n{output}");
                Assert.Equal(paths.Count, output.Split('\n').Count(l => l.StartsWith("ok ")));
            } finally {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
        }
    }
}

using System;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Generative.ML.Transformers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>
    /// ML.NET's views are lazy: `using var model = ...; return model.Transform(data);` hands out a view whose rows are
    /// scored only when read, by then with released sessions. ONNX Runtime does not check a released session (a run reads
    /// freed memory, and once brought a benchmark down), so each owner of sessions refuses with ObjectDisposedException.
    /// </summary>
    public class DisposedTests
    {
        sealed class ClassRow
        {
            [VectorType(4)] public float[] Features { get; set; } = Array.Empty<float>();
            [VectorType(2)] public float[] Class { get; set; } = Array.Empty<float>();
        }

        sealed class Scored
        {
            public float Score { get; set; }
        }

        static void AssertRefused(Action read, string owner)
        {
            var e = Assert.Throws<ObjectDisposedException>(read);
            Assert.Equal(owner, e.ObjectName);
            Assert.Contains("was disposed", e.Message);
        }

        [Fact]
        public void Views_cursors_prediction_engines_made_before_the_transform_was_disposed_refuse_to_read_after()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(200, 9));
            var scorer = ml.AnomalyDetection.Trainers.Autoencoder(epochs: 5, seed: 1).Fit(train);
            // More rows than one block of the batched view: a cursor meets the session again after its first block.
            var view = scorer.Transform(ml.Data.LoadFromEnumerable(Rows.Normal(1500, 12)));
            var cursor = view.GetRowCursor(view.Schema);
            Assert.True(cursor.MoveNext());
            var engine = ml.Model.CreatePredictionEngine<Row, Scored>(scorer);
            Assert.True(float.IsFinite(engine.Predict(Rows.Normal(1, 10)[0]).Score));
            scorer.Dispose();
            AssertRefused(() => view.GetColumn<float>("Score").ToArray(), nameof(GenerativeTransformer));
            // The cursor scored its first block before; it is refused when it reaches the second.
            AssertRefused(() => { while (cursor.MoveNext()) { } }, nameof(GenerativeTransformer));
            AssertRefused(() => engine.Predict(Rows.Normal(1, 10)[0]), nameof(GenerativeTransformer));
        }

        [Fact]
        public void A_conditional_models_view_goes_through_the_chain_and_is_refused_the_same_way()
        {
            var ml = new MLContext(seed: 1);
            var r = new Random(3);
            var rows = Enumerable.Range(0, 200).Select(i => new ClassRow {
                Features = Enumerable.Range(0, 4).Select(_ => (float)((i % 2 == 0 ? -2 : 2) + r.NextDouble())).ToArray(),
                Class = i % 2 == 0 ? new[] { 1f, 0f } : new[] { 0f, 1f },
            }).ToArray();
            var options = Quick.Vae();
            options.ConditionColumnName = "Class";
            options.Epochs = 5;
            var model = ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(ml.Data.LoadFromEnumerable(rows));
            var view = model.Transform(ml.Data.LoadFromEnumerable(rows));
            Assert.Equal(200, view.GetColumn<float>("Score").Count());
            model.Dispose();
            AssertRefused(() => view.GetColumn<float>("Score").ToArray(), nameof(GenerativeTransformer));
        }

        [Fact]
        public void The_batch_scorer_and_the_table_synthesizer_refuse_calls_after_dispose()
        {
            var ml = new MLContext(seed: 1);
            var scorer = ml.AnomalyDetection.Trainers.Autoencoder(epochs: 5, seed: 1).Fit(ml.Data.LoadFromEnumerable(Rows.Normal(200, 9)));
            var batch = new BatchScorer(scorer.Graphs);
            var x = Rows.Normal(3, 11).SelectMany(row => row.Features).ToArray();
            Assert.Equal(3, batch.Score(x).Scores.Length);
            batch.Dispose();
            batch.Dispose(); // twice is harmless
            AssertRefused(() => batch.Score(x), nameof(BatchScorer));
            AssertRefused(() => batch.Encode(x), nameof(BatchScorer));
            AssertRefused(() => batch.Sample(2, seed: 1), nameof(BatchScorer));
            scorer.Dispose();

            var table = ml.Data.LoadFromEnumerable(Tables.TableSynthesizerTests.Customers(200, seed: 5));
            var synthesizer = ml.Data.FitTableSynthesizer(table, new TableSynthesizerOptions { Epochs = 3, Seed = 1, Threads = 1 });
            var generated = synthesizer.Generate(10, seed: 1);
            Assert.Equal(10, synthesizer.Score(generated).Scores.Length);
            synthesizer.Dispose();
            AssertRefused(() => synthesizer.Generate(10, seed: 1), nameof(Generative.ML.Transformers.Tables.TableSynthesizer));
            AssertRefused(() => synthesizer.Score(generated), nameof(Generative.ML.Transformers.Tables.TableSynthesizer));
        }
    }
}

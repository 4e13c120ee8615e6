using System;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Generative.ML.Transformers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>Slow: in memory, the fitted transform scores blocks of rows in one call, with exactly the per-row chain's values.</summary>
    [Trait("Category", "EndToEnd")]
    public class BatchedScoringTests
    {
        [Fact]
        public void BlocksOfRowsGiveThePerRowChainsValuesAcrossBlockBoundaries()
        {
            var ml = new MLContext(seed: 1);
            var model = ml.Transforms.VaeEncode("Code", "Features", Quick.Vae()).Fit(ml.Data.LoadFromEnumerable(Rows.Normal(400, 1)));
            // 2,500 rows: two full blocks of 1,024 and a partial one; some anomalies and a NaN row among them.
            var rows = Rows.Normal(2450, 2).Concat(Rows.Anomalies(50, 3)).ToArray();
            rows[1500].Features[2] = float.NaN;
            var data = ml.Data.LoadFromEnumerable(rows);
            foreach (var transformer in new[] { model, model.AnomalyScore(), model.Reconstruct("Back"), model.Encode("Mean", "LogVar") }) {
                var batched = transformer.Transform(data);
                var perRow = transformer.Chain.Transform(data);
                Assert.Equal("BatchedView", batched.GetType().Name);
                Assert.Equal(perRow.Schema.Select(c => (c.Name, c.Type.ToString())), batched.Schema.Select(c => (c.Name, c.Type.ToString())));
                foreach (var column in perRow.Schema.Where(c => c.Index >= data.Schema.Count))
                    Assert.Equal(Read(perRow, column.Name), Read(batched, column.Name));
                // Passed-through columns come out unchanged, and a cursor that reads none of the new columns works too.
                Assert.Equal(Read(data, "Label"), Read(batched, "Label"));
            }
        }

        [Fact]
        public void ASavedPipelineLoadedBatchedScoresInBlocksWithThePlainLoadsValues()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(Rows.Normal(400, 1).Concat(Rows.Anomalies(10, 2)).ToArray());
            var vae = ml.Transforms.VaeAnomalyScore("Score", "Features", Quick.Vae()).Fit(train);
            var vq = ml.Transforms.VectorQuantizedEncode("VqCode", "Features", new VectorQuantizedOptions { Epochs = 3, Stages = 2, CodeIndicesColumnName = "Indices" }).Fit(train);
            // A user's pipeline: ML.NET's own transform, then ours of every batched kind.
            var pipeline = new TransformerChain<ITransformer>(ml.Transforms.CopyColumns("Copy", "Label").Fit(train), vae, vae.Encode("Mean", "LogVar"),
                                                              vae.Reconstruct("Back"), vq);
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gml-batched-{Guid.NewGuid():N}.zip");
            try {
                ml.Model.Save(pipeline, train.Schema, path);
                var plain = ml.Model.Load(path, out var schema);
                using var batched = (IDisposable)ml.Model.LoadBatched(path, out var batchedSchema);
                Assert.Equal(schema.Select(c => c.Name), batchedSchema.Select(c => c.Name));
                var rows = Rows.Normal(2450, 2).Concat(Rows.Anomalies(50, 3)).ToArray();
                rows[1500].Features[2] = float.NaN;
                var data = ml.Data.LoadFromEnumerable(rows);
                var expected = plain.Transform(data);
                var actual = ((ITransformer)batched).Transform(data);
                Assert.Equal(expected.Schema.Select(c => (c.Name, c.Type.ToString())), actual.Schema.Select(c => (c.Name, c.Type.ToString())));
                foreach (var column in new[] { "Score", "PredictedLabel", "FeatureContributions", "Mean", "LogVar", "Back", "VqCode", "Indices", "Copy" })
                    Assert.Equal(Read(expected, column), Read(actual, column));
                // Each of our transforms now scores in blocks: the outer chain's last view is a batched one.
                var chain = (TransformerChain<ITransformer>)batched;
                Assert.All(chain.Skip(1), t => Assert.Equal("BatchedView", t.Transform(data).GetType().Name));
                // And the batched model saves again as the same plain chain.
                var again = path + ".again.zip";
                ml.Model.Save((ITransformer)batched, batchedSchema, again);
                Assert.Equal(Read(expected, "Score"), Read(ml.Model.Load(again, out _).Transform(data), "Score"));
                System.IO.File.Delete(again);
            } finally {
                System.IO.File.Delete(path);
            }
        }

        /// <summary>Every value of a column as text (bit patterns for floats, so NaN compares equal to NaN).</summary>
        static string[] Read(IDataView view, string name)
        {
            var column = view.Schema[name];
            using var cursor = view.GetRowCursor(new[] { column });
            var result = new System.Collections.Generic.List<string>();
            if (column.Type is VectorDataViewType) {
                var getter = cursor.GetGetter<VBuffer<float>>(column);
                var value = default(VBuffer<float>);
                while (cursor.MoveNext()) {
                    getter(ref value);
                    result.Add(string.Join(",", value.DenseValues().Select(BitConverter.SingleToInt32Bits)));
                }
            } else if (column.Type == BooleanDataViewType.Instance) {
                var getter = cursor.GetGetter<bool>(column);
                var value = false;
                while (cursor.MoveNext()) {
                    getter(ref value);
                    result.Add(value.ToString());
                }
            } else {
                var getter = cursor.GetGetter<float>(column);
                var value = 0f;
                while (cursor.MoveNext()) {
                    getter(ref value);
                    result.Add(BitConverter.SingleToInt32Bits(value).ToString());
                }
            }
            return result.ToArray();
        }
    }
}

using System;
using System.IO;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators.Tests.EndToEnd
{
    /// <summary>VaeEncode as a 2-D map: the neighbourhood term through ML.NET, Save/Load, and what it keeps that PCA loses.</summary>
    [Trait("Category", "EndToEnd")]
    public class MapTests : IDisposable
    {
        readonly string _dir = Path.Combine(Path.GetTempPath(), $"gml-map-{Guid.NewGuid():N}");

        public MapTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        sealed class Row
        {
            [VectorType(10)] public float[] Features { get; set; } = Array.Empty<float>();
            public int Cluster { get; set; }
        }

        sealed class Coded
        {
            public float[] Code { get; set; } = Array.Empty<float>();
            public int Cluster { get; set; }
        }

        /// <summary>
        /// Two clusters 1.2 apart in each of 8 quiet features (spread 0.15), and 2 loud features of pure noise (spread 6)
        /// that both share: PCA's two directions are the loud ones, where the clusters lie on top of each other.
        /// </summary>
        static Row[] TwoClusters(int count, int seed)
        {
            var r = new Random(seed);
            double Gaussian() => Rows.Gaussian(r);
            return Enumerable.Range(0, count).Select(i => {
                var cluster = i % 2;
                var x = new float[10];
                x[0] = (float)(6 * Gaussian());
                x[1] = (float)(6 * Gaussian());
                for (var j = 2; j < 10; j++) x[j] = (float)((cluster == 0 ? -0.6 : 0.6) + 0.15 * Gaussian());
                return new Row { Features = x, Cluster = cluster };
            }).ToArray();
        }

        static VariationalAutoencoderOptions MapOptions() => new() {
            LatentSize = 2, HiddenSizes = new long[] { 32, 16 }, Epochs = 40, Seed = 3, Threads = 2, NeighbourhoodWeight = 30,
        };

        /// <summary>The share of new rows whose nearest training code is of their own cluster.</summary>
        static double NearestAccuracy(Coded[] train, Coded[] test) => test.Average(t => {
            var nearest = train.MinBy(c => c.Code.Zip(t.Code).Sum(p => (p.First - p.Second) * (p.First - p.Second)))!;
            return nearest.Cluster == t.Cluster ? 1.0 : 0.0;
        });

        [Fact]
        public void New_rows_of_two_separated_clusters_stay_separated_on_the_map_where_pcas_overlap()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(TwoClusters(400, 1));
            var test = ml.Data.LoadFromEnumerable(TwoClusters(200, 2));
            Coded[] Codes(ITransformer model, IDataView data) => ml.Data.CreateEnumerable<Coded>(model.Transform(data), reuseRowObject: false).ToArray();

            var map = ml.Transforms.VaeEncode("Code", "Features", MapOptions()).Fit(train);
            var pca = ml.Transforms.ProjectToPrincipalComponents("Code", "Features", rank: 2, seed: 1).Fit(train);
            var ours = NearestAccuracy(Codes(map, train), Codes(map, test));
            var theirs = NearestAccuracy(Codes(pca, train), Codes(pca, test));
            Assert.True(ours >= 0.95, $"The map's 1-NN accuracy on new rows is {ours:F3}.");
            Assert.True(theirs <= 0.75, $"PCA's 1-NN accuracy on new rows is {theirs:F3}: the case does not show what it should.");
        }

        [Fact]
        public void A_map_saved_with_its_pipeline_loads_and_places_new_rows_where_the_fitted_one_did()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(TwoClusters(200, 1));
            var test = ml.Data.LoadFromEnumerable(TwoClusters(50, 2));
            var options = MapOptions();
            options.Epochs = 10;
            var model = ml.Transforms.VaeEncode("Code", "Features", options).Fit(train);
            using (var session = new Microsoft.ML.OnnxRuntime.InferenceSession(model.Graphs.Encoder!))
                Assert.Equal("30", session.ModelMetadata.CustomMetadataMap["neighbourhood_weight"]);
            var zip = Path.Combine(_dir, "map.zip");
            ml.Model.Save(model, train.Schema, zip);
            var loaded = ml.Model.Load(zip, out _);

            float[][] Codes(ITransformer m) => ml.Data.CreateEnumerable<Coded>(m.Transform(test), reuseRowObject: false).Select(c => c.Code).ToArray();
            var fitted = Codes(model);
            var again = Codes(loaded);
            Assert.Equal(fitted.Length, again.Length);
            for (var i = 0; i < fitted.Length; i++) Assert.Equal(fitted[i], again[i]);
            Assert.All(fitted, c => Assert.Equal(2, c.Length));
        }
    }
}

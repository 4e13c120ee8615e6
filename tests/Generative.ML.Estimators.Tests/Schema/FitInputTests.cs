using System;
using System.Linq;
using Generative.ML.Estimators.Tests.Support;
using Microsoft.ML;

namespace Generative.ML.Estimators.Tests.Schema
{
    /// <summary>Fit refuses data it cannot train on before training, naming the column and the row.</summary>
    public class FitInputTests
    {
        [Fact]
        public void ANonFiniteValueIsNamedByColumnAndRow()
        {
            var ml = new MLContext();
            var rows = Rows.Normal(20, 1);
            rows[5].Features[3] = float.NaN;
            var e = Assert.Throws<InvalidTrainingDataException>(() => ml.Transforms.VaeAnomalyScore("Score", "Features", Quick.Vae()).Fit(ml.Data.LoadFromEnumerable(rows)));
            Assert.Contains("Column 'Features', row 5", e.Message);
            Assert.Contains("slot 3", e.Message);
        }

        [Fact]
        [Trait("Backend", "OnnxRuntime")]
        public void AGpuTheApplicationCannotUseFailsBeforeTraining()
        {
            if (Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider")) return; // the GPU package decides at scoring
            var ml = new MLContext();
            var options = Quick.Vae();
            options.GpuDeviceId = 0;
            var trained = false;
            options.Progress = new Generative.ML.SynchronousProgress<Generative.ML.TrainingProgress>(_ => trained = true);
            var e = Assert.Throws<InvalidOperationException>(() => ml.Transforms.VaeAnomalyScore("Score", "Features", options).Fit(ml.Data.LoadFromEnumerable(Rows.Normal(20, 1))));
            Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu", e.Message);
            Assert.False(trained);
        }

        [Fact]
        public void NoRowsIsRefused()
        {
            var ml = new MLContext();
            var e = Assert.Throws<InvalidTrainingDataException>(() =>
                ml.Transforms.VaeEncode("Code", "Features", Quick.Vae()).Fit(ml.Data.LoadFromEnumerable(Array.Empty<Row>())));
            Assert.Contains("'Features' has no rows", e.Message);
        }

        [Fact]
        public void AMissingColumnIsNamedAtFit()
        {
            var ml = new MLContext();
            var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
                ml.Transforms.VaeEncode("Code", "Nope", Quick.Vae()).Fit(ml.Data.LoadFromEnumerable(Rows.Normal(5, 1))));
            Assert.Contains("'Nope' not found", e.Message);
        }
    }
}

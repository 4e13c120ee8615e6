using Microsoft.ML.Data;

namespace Microsoft.ML.Tests.Support
{
    /// <summary>Row classes shared by the tests.</summary>
    public sealed class Point
    {
        [VectorType(Graphs.Width)]
        public float[] x { get; set; } = new float[Graphs.Width];

        public float Label { get; set; }
    }

    public sealed class Reading
    {
        public float A { get; set; }
        public float B { get; set; }

        [VectorType(3)]
        public float[] V { get; set; } = new float[3];

        public string Name { get; set; } = "";
    }
}

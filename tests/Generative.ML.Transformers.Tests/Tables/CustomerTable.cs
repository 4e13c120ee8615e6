using System;
using System.Linq;
using Generative.ML.Transformers.Tables;

namespace Generative.ML.Transformers.Tests.Tables
{
    /// <summary>
    /// The customer table, made up: region (text), visits (whole numbers, many zeros), spend (two modes, higher
    /// in the north) and tenure (skewed, 10% blank).
    /// </summary>
    public static class CustomerTable
    {
        public static readonly string[] Regions = { "north", "south", "east" };

        public static TableData Make(int rows, int seed)
        {
            var r = new Random(seed);
            var region = new string?[rows];
            var visits = new double[rows];
            var spend = new double[rows];
            var tenure = new double[rows];
            for (var i = 0; i < rows; i++) {
                var k = r.NextDouble() < 0.5 ? 0 : r.NextDouble() < 0.6 ? 1 : 2;
                region[i] = Regions[k];
                visits[i] = r.NextDouble() < 0.4 ? 0 : 1 + Math.Floor(-Math.Log(1 - r.NextDouble()) * 4);
                var mode = r.NextDouble() < 0.5 ? 20 : 80;
                spend[i] = mode + (k == 0 ? 15 : 0) + 4 * Gaussian(r);
                tenure[i] = r.NextDouble() < 0.1 ? double.NaN : Math.Exp(1 + 0.8 * Gaussian(r));
            }
            return new TableData(new[] {
                new TableColumn("region", TableColumnKind.Categorical, TableValueType.Text),
                new TableColumn("visits", TableColumnKind.Integer, TableValueType.Int32),
                new TableColumn("spend", TableColumnKind.Continuous, TableValueType.Single),
                new TableColumn("tenure", TableColumnKind.Continuous, TableValueType.Double),
            }, new Array[] { region, visits, spend.Select(v => (double)(float)v).ToArray(), tenure });
        }

        public static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
    }
}

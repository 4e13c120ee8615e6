using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.Data;

namespace Microsoft.ML.Tests.Support
{
    /// <summary>Reads whole columns of a view, for assertions.</summary>
    internal static class Read
    {
        public static T[] Column<T>(IDataView view, string name)
        {
            var column = view.Schema[name];
            var values = new List<T>();
            using var cursor = view.GetRowCursor(new[] { column });
            var getter = cursor.GetGetter<T>(column);
            while (cursor.MoveNext())
            {
                T value = default!;
                getter(ref value);
                values.Add(value);
            }
            return values.ToArray();
        }

        public static float[][] Vectors(IDataView view, string name)
            => Column<VBuffer<float>>(view, name).Select(v => v.DenseValues().ToArray()).ToArray();

        public static T[][] Vectors<T>(IDataView view, string name)
            => Column<VBuffer<T>>(view, name).Select(v => v.DenseValues().ToArray()).ToArray();
    }
}

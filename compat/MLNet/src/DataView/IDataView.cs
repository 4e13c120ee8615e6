using System;
using System.Collections.Generic;
using Microsoft.ML.Data;

namespace Microsoft.ML
{
    /// <summary>A lazy, cursorable table: the input and output of every transform.</summary>
    public interface IDataView
    {
        bool CanShuffle { get; }

        /// <summary>The number of rows when known cheaply; null otherwise.</summary>
        long? GetRowCount();

        /// <summary>A cursor over the rows; only <paramref name="columnsNeeded"/> may be read from it.</summary>
        DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random rand = null);

        /// <summary>Cursors that together visit every row once; <paramref name="n"/> is only a suggestion.</summary>
        DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random rand = null);

        DataViewSchema Schema { get; }
    }

    /// <summary>Reads one value of a row into <paramref name="value"/>, reusing its buffers where it can.</summary>
    public delegate void ValueGetter<TValue>(ref TValue value);

    /// <summary>One row of data: of a data view, or standing alone.</summary>
    public abstract class DataViewRow : IDisposable
    {
        /// <summary>-1 before the first row and after the last; counts the rows this object has served.</summary>
        public abstract long Position { get; }

        /// <summary>Orders rows across the cursors of a cursor set.</summary>
        public abstract long Batch { get; }

        public abstract ValueGetter<DataViewRowId> GetIdGetter();

        public abstract bool IsColumnActive(DataViewSchema.Column column);

        /// <summary>A getter for an active column; throws for inactive columns or the wrong type.</summary>
        public abstract ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column);

        public abstract DataViewSchema Schema { get; }

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
        }
    }

    /// <summary>A row that moves forward through a data view.</summary>
    public abstract class DataViewRowCursor : DataViewRow
    {
        public abstract bool MoveNext();
    }
}

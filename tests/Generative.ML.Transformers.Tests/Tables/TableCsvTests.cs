using System;
using System.IO;
using System.Linq;
using Generative.ML.Transformers.Tables;

namespace Generative.ML.Transformers.Tests.Tables
{
    public class TableCsvTests : IDisposable
    {
        readonly string _path = Path.Combine(Path.GetTempPath(), $"table-{Guid.NewGuid():N}.csv");

        public void Dispose() => File.Delete(_path);

        [Fact]
        public void Columns_are_typed_by_their_cells_and_blanks_kept()
        {
            File.WriteAllText(_path, "name,count,price,code\n\"Smith, J\",3,1.5,7\nLee,,2.25,8\n\"say \"\"hi\"\"\",0,,7\n");
            var table = TableCsv.Read(_path, categorical: new[] { "code" });
            Assert.Equal(new[] { TableColumnKind.Categorical, TableColumnKind.Integer, TableColumnKind.Continuous, TableColumnKind.Categorical },
                         table.Columns.Select(c => c.Kind));
            Assert.Equal(new[] { "Smith, J", "Lee", "say \"hi\"" }, table.Categories(0));
            Assert.True(double.IsNaN(table.Numbers(1)[1]));
            Assert.True(double.IsNaN(table.Numbers(2)[2]));
            Assert.Equal(new[] { "7", "8", "7" }, table.Categories(3));
            // Written and read again: the same cells.
            var again = Path.ChangeExtension(_path, ".2.csv");
            try {
                TableCsv.Write(again, table);
                var back = TableCsv.Read(again, like: table.Columns);
                Assert.Equal(table.Categories(0), back.Categories(0));
                Assert.Equal(table.Numbers(1), back.Numbers(1));
                Assert.Equal(table.Numbers(2), back.Numbers(2));
            } finally {
                File.Delete(again);
            }
        }

        [Fact]
        public void Errors_name_the_file_line_and_column()
        {
            File.WriteAllText(_path, "a,b\n1,2\n3\n");
            var e = Assert.Throws<TableCsvException>(() => TableCsv.Read(_path));
            Assert.Equal(3, e.Line);
            Assert.Contains($"{_path}:3", e.Message);
            File.WriteAllText(_path, "a,b\n1,2\n3,x\n");
            var typed = new[] { new TableColumn("a", TableColumnKind.Integer, TableValueType.Int64), new TableColumn("b", TableColumnKind.Integer, TableValueType.Int64) };
            e = Assert.Throws<TableCsvException>(() => TableCsv.Read(_path, like: typed));
            Assert.Equal(("b", 3), (e.Column, e.Line));
            Assert.Equal("c", Assert.Throws<TableCsvException>(() => TableCsv.Read(_path, new[] { "c" })).Column);
            // A column of numbers with a stray word is a bad cell, not a column of text; named categorical, it is text.
            File.WriteAllText(_path, "a,b\n1,2\n3,4\n5,x\n");
            e = Assert.Throws<TableCsvException>(() => TableCsv.Read(_path));
            Assert.Equal(("b", 4), (e.Column, e.Line));
            Assert.Equal(TableColumnKind.Categorical, TableCsv.Read(_path, categorical: new[] { "b" }).Columns[1].Kind);
        }
    }
}

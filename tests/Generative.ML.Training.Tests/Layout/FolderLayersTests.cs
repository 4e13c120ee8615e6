using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Generative.ML.Training.Tests.Layout
{
    /// <summary>
    /// The folders of Generative.ML.Training are layers: each is a namespace, and no two import each other (a folder
    /// imports another by a using directive or a qualified name of its namespace). eng/folder-imports.py prints the edges.
    /// </summary>
    public class FolderLayersTests
    {
        static string SourceRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent) {
                var candidate = Path.Combine(dir.FullName, "src", "Generative.ML.Training");
                if (Directory.Exists(candidate)) return candidate;
            }
            throw new DirectoryNotFoundException($"src/Generative.ML.Training was not found above {AppContext.BaseDirectory}.");
        }

        [Fact]
        public void NoTwoFoldersImportEachOther()
        {
            var root = SourceRoot();
            var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                            !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
                .Select(f => (Folder: Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar) is { Length: > 1 } parts ? parts[0] : "", Text: File.ReadAllText(f)))
                .Where(f => f.Folder != "")
                .ToArray();
            var folders = files.Select(f => f.Folder).Distinct().ToArray();
            Assert.Contains("Onnx", folders);
            Assert.Contains("Models", folders);
            var edges = new HashSet<(string From, string To)>();
            foreach (var (folder, text) in files)
                foreach (var other in folders.Where(o => o != folder))
                    if (Regex.IsMatch(text, $@"(^using Generative\.ML\.Training\.{other}(\.\w+)*;|\bGenerative\.ML\.Training\.{other}\.)", RegexOptions.Multiline))
                        edges.Add((folder, other));
            Assert.NotEmpty(edges); // the check sees the imports there are
            var mutual = edges.Where(e => string.CompareOrdinal(e.From, e.To) < 0 && edges.Contains((e.To, e.From))).Select(e => $"{e.From} <-> {e.To}").ToArray();
            Assert.True(mutual.Length == 0, "Folders importing each other: " + string.Join(", ", mutual));
        }
    }
}

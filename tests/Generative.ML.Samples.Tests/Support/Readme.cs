using System.IO;
using System.Text.RegularExpressions;

namespace Generative.ML.Samples.Tests.Support
{
    /// <summary>The README as a newcomer reads it.</summary>
    internal static class Readme
    {
        public static string Text() => File.ReadAllText(Path.Combine(Repo.Root(), "README.md"));

        /// <summary>The first C# block: the quickstart.</summary>
        public static string FirstCSharpBlock()
        {
            var match = Regex.Match(Text(), "```csharp\n(.*?)```", RegexOptions.Singleline);
            Assert.True(match.Success, "README.md has no ```csharp block.");
            return match.Groups[1].Value;
        }

        /// <summary>The versions the README's install lines pin, by package.</summary>
        public static string Version(string package)
        {
            var match = Regex.Match(Text(), $@"dotnet add package {Regex.Escape(package)} --version (\S+)");
            Assert.True(match.Success, $"README.md has no install line with a version for {package}.");
            return match.Groups[1].Value;
        }
    }
}

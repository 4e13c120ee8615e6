using System;
using System.IO;

namespace Generative.ML.Samples.Tests.Support
{
    /// <summary>The repository these tests were built from: the samples are run from its build outputs.</summary>
    internal static class Repo
    {
        public static string Root()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Generative.ML.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException($"No Generative.ML.sln above {AppContext.BaseDirectory}.");
        }
    }
}

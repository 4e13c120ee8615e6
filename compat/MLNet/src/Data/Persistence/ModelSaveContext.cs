using System;
using System.IO;
using System.IO.Compression;
using System.Text.Json;

namespace Microsoft.ML
{
    /// <summary>
    /// Where a transformer writes itself inside a model file. As in ML.NET, only <see cref="Dispose"/> is public:
    /// saving is something ML.NET's own transformers do, through <see cref="ICanSaveModel"/>.
    /// </summary>
    public sealed class ModelSaveContext : IDisposable
    {
        internal const string LoaderEntry = "Loader";

        private readonly ZipArchive _archive;
        private readonly string _directory;
        private bool _loaderWritten;

        internal ModelSaveContext(ZipArchive archive, string directory)
        {
            _archive = archive;
            _directory = directory.TrimEnd('/') + "/";
        }

        /// <summary>Names the class whose internal static <c>LoadFrom(ModelLoadContext)</c> recreates what is written here.</summary>
        internal void SetLoader(Type loader)
        {
            WriteText(LoaderEntry, loader.FullName + ", " + loader.Assembly.GetName().Name);
            _loaderWritten = true;
        }

        internal void WriteText(string name, string text)
        {
            using var writer = new StreamWriter(_archive.CreateEntry(_directory + name).Open());
            writer.Write(text);
        }

        internal void WriteJson<T>(string name, T value) => WriteText(name, JsonSerializer.Serialize(value));

        internal void WriteBytes(string name, byte[] bytes)
        {
            using var stream = _archive.CreateEntry(_directory + name, CompressionLevel.Optimal).Open();
            stream.Write(bytes, 0, bytes.Length);
        }

        /// <summary>Saves <paramref name="model"/> into a sub-folder; it must name its loader.</summary>
        internal void SaveChild(string name, ICanSaveModel model)
        {
            using var child = new ModelSaveContext(_archive, _directory + name);
            model.Save(child);
            if (!child._loaderWritten)
                throw new InvalidOperationException($"Transformer {model.GetType().Name} did not write itself to the model: it cannot be saved.");
        }

        public void Dispose()
        {
        }
    }

    /// <summary>Where a transformer reads itself back from a model file. Only <see cref="Dispose"/> is public.</summary>
    public sealed class ModelLoadContext : IDisposable
    {
        private readonly ZipArchive _archive;
        private readonly string _directory;

        internal ModelLoadContext(ZipArchive archive, string directory, MLContext context)
        {
            _archive = archive;
            _directory = directory.TrimEnd('/') + "/";
            Context = context;
        }

        internal MLContext Context { get; }

        internal bool Has(string name) => _archive.GetEntry(_directory + name) != null;

        internal string ReadText(string name)
        {
            var entry = _archive.GetEntry(_directory + name)
                ?? throw new FormatException($"The model file is missing '{_directory + name}': it is damaged or was not written by Model.Save.");
            using var reader = new StreamReader(entry.Open());
            return reader.ReadToEnd();
        }

        internal T ReadJson<T>(string name)
            => JsonSerializer.Deserialize<T>(ReadText(name))
               ?? throw new FormatException($"The model file entry '{_directory + name}' is empty.");

        internal byte[] ReadBytes(string name)
        {
            var entry = _archive.GetEntry(_directory + name)
                ?? throw new FormatException($"The model file is missing '{_directory + name}': it is damaged or was not written by Model.Save.");
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        /// <summary>Recreates the transformer saved in a sub-folder through the loader it named.</summary>
        internal ITransformer LoadChild(string name)
        {
            using var child = new ModelLoadContext(_archive, _directory + name, Context);
            string loaderName = child.ReadText(ModelSaveContext.LoaderEntry);
            var loader = Type.GetType(loaderName, throwOnError: false)
                ?? throw new InvalidOperationException($"The model needs '{loaderName}', which is not loaded in this application; reference its package.");
            var load = loader.GetMethod("LoadFrom", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
                ?? throw new InvalidOperationException($"'{loaderName}' cannot load models.");
            try
            {
                return (ITransformer)load.Invoke(null, new object[] { child });
            }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }

        public void Dispose()
        {
        }
    }
}

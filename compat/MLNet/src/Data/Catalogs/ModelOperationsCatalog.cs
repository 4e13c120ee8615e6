using System;
using System.IO;
using System.IO.Compression;
using Microsoft.ML.Data;

namespace Microsoft.ML
{
    /// <summary>Saving and loading fitted models; prediction engines.</summary>
    public sealed class ModelOperationsCatalog
    {
        private const string SchemaEntry = "Schema/Columns.json";
        private const string ModelFolder = "TransformerChain";

        internal ModelOperationsCatalog(MLContext environment) => Environment = environment;

        internal MLContext Environment { get; }

        /// <summary>Writes <paramref name="model"/> and the schema it expects to a model file.</summary>
        public void Save(ITransformer model, DataViewSchema inputSchema, Stream stream)
        {
            if (stream == null)
                throw new ArgumentNullException(nameof(stream));
            using var buffer = Write(model, inputSchema);
            buffer.CopyTo(stream);
        }

        public void Save(ITransformer model, DataViewSchema inputSchema, string filePath)
        {
            if (string.IsNullOrEmpty(filePath))
                throw new ArgumentNullException(nameof(filePath));
            using var buffer = Write(model, inputSchema);
            using var file = File.Create(filePath);
            buffer.CopyTo(file);
        }

        // Written to memory first: a model that cannot be saved leaves the target untouched.
        private MemoryStream Write(ITransformer model, DataViewSchema inputSchema)
        {
            if (model == null)
                throw new ArgumentNullException(nameof(model));
            var buffer = new MemoryStream();
            using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                using var root = new ModelSaveContext(archive, "");
                if (inputSchema != null)
                    root.WriteJson(SchemaEntry, TypeCodec.Encode(inputSchema));
                root.SaveChild(ModelFolder, model);
            }
            buffer.Position = 0;
            return buffer;
        }

        /// <summary>Reads a model file; <paramref name="inputSchema"/> is the schema it was saved with (null if none).</summary>
        public ITransformer Load(Stream stream, out DataViewSchema inputSchema)
        {
            if (stream == null)
                throw new ArgumentNullException(nameof(stream));
            ZipArchive archive;
            try
            {
                archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException e)
            {
                throw new FormatException("The stream is not a model file written by Model.Save.", e);
            }
            using (archive)
            {
                using var root = new ModelLoadContext(archive, "", Environment);
                inputSchema = root.Has(SchemaEntry) ? TypeCodec.Decode(root.ReadJson<TypeCodec.ColumnRecord[]>(SchemaEntry)) : null;
                return root.LoadChild(ModelFolder);
            }
        }

        public ITransformer Load(string filePath, out DataViewSchema inputSchema)
        {
            if (string.IsNullOrEmpty(filePath))
                throw new ArgumentNullException(nameof(filePath));
            using var stream = File.OpenRead(filePath);
            return Load(stream, out inputSchema);
        }

        /// <summary>Scores one object at a time through <paramref name="transformer"/>. Not thread-safe, as in ML.NET.</summary>
        public PredictionEngine<TSrc, TDst> CreatePredictionEngine<TSrc, TDst>(ITransformer transformer, bool ignoreMissingColumns = true)
            where TSrc : class
            where TDst : class, new()
        {
            if (transformer == null)
                throw new ArgumentNullException(nameof(transformer));
            return new PredictionEngine<TSrc, TDst>(transformer, ignoreMissingColumns);
        }
    }
}

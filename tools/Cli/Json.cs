using System;
using System.Text.Json;

namespace Generative.ML.Cli
{
    /// <summary>
    /// What a command says when it is done: a sentence for people, or with --json one JSON object on standard output,
    /// the whole of what a script needs to read.
    /// </summary>
    internal static class Json
    {
        static readonly JsonSerializerOptions Options = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

        /// <summary>Set by the command from its --json option.</summary>
        public static bool Enabled { get; set; }

        public static void Print(object summary) => Console.WriteLine(JsonSerializer.Serialize(summary, Options));

        /// <summary>The sentence, or with --json the summary.</summary>
        public static void Say(string sentence, object summary)
        {
            if (Enabled) Print(summary);
            else Console.WriteLine(sentence);
        }
    }
}

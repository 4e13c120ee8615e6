using System;
using System.IO;
using Generative.ML.Demo;

// The main job on the embedded default (./build.sh demo): see MainJob. Options: --epochs N (default 200), --out DIR
// (default artifacts/demo).
var epochs = 200;
var output = Path.GetFullPath(Path.Combine("artifacts", "demo"));
for (var i = 0; i + 1 < args.Length; i += 2) {
    switch (args[i]) {
        case "--epochs": epochs = int.Parse(args[i + 1]); break;
        case "--out": output = Path.GetFullPath(args[i + 1]); break;
        default: Console.Error.WriteLine($"Unknown option {args[i]}: use --epochs N and --out DIR."); return 2;
    }
}
MainJob.Run(epochs, output);
return 0;

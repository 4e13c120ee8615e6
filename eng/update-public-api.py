#!/usr/bin/env python3
"""Brings PublicAPI.Unshipped.txt in line with the code after a deliberate change of the public surface.

Builds the solution, adds every symbol the analyzer reports as undeclared (RS0016) and drops every declared symbol it
cannot find (RS0017), then builds again until nothing changes. Review the diff of the PublicAPI files: it is the change
of the compatibility promise. Usage: python3 eng/update-public-api.py
"""
import os, re, subprocess, sys
from collections import defaultdict

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
undeclared = re.compile(r"^(?P<file>/\S+?\.cs)\(\d+,\d+\): error RS0016: Symbol '(?P<sym>.*)' is not part of the declared public API")
vanished = re.compile(r"^(?P<file>/\S+?PublicAPI\.Unshipped\.txt)\((?P<line>\d+),\d+\): error RS0017: Symbol '(?P<sym>.*)' is part of the declared API")

def project_dir(path):
    d = os.path.dirname(path)
    while d != root and not any(f.endswith('.csproj') for f in os.listdir(d)):
        d = os.path.dirname(d)
    return d

for round in range(10):
    out = subprocess.run(["dotnet", "build", "Generative.ML.sln", "-c", "Release", "-nologo", "-v", "quiet", "-clp:ErrorsOnly"],
                         cwd=root, capture_output=True, text=True).stdout
    add, drop = defaultdict(set), defaultdict(set)
    for line in out.splitlines():
        line = line.strip()
        if m := undeclared.match(line): add[os.path.join(project_dir(m["file"]), "PublicAPI.Unshipped.txt")].add(m["sym"])
        elif m := vanished.match(line): drop[m["file"]].add(m["sym"])
    if not add and not drop:
        others = [l for l in out.splitlines() if ": error " in l]
        print("public API files agree with the code" if not others else "other errors remain:\n" + "\n".join(sorted(set(others))[:40]))
        sys.exit(1 if others else 0)
    for path in set(add) | set(drop):
        lines = open(path).read().splitlines() if os.path.exists(path) else ["#nullable enable"]
        header = [l for l in lines if l.startswith("#")]
        body = {l for l in lines if l and not l.startswith("#")} - drop[path] | add[path]
        open(path, "w").write("\n".join(header + sorted(body, key=lambda s: re.sub(r"^(~?(static|override|virtual|abstract|const|readonly) )+", "", s))) + "\n")
        print(f"{os.path.relpath(path, root)}: +{len(add[path])} -{len(drop[path])}")
print("still changing after 10 rounds"); sys.exit(1)

#!/usr/bin/env python3
"""Lists which folders of a project import which (by `using` of another folder's namespace or a qualified name),
and the pairs that import each other. Usage: python3 eng/folder-imports.py src/Generative.ML.Training"""
import os, re, sys
from collections import defaultdict

root = sys.argv[1] if len(sys.argv) > 1 else "src/Generative.ML.Training"
prefix = "Generative.ML.Training"
ns_of_folder, files = {}, defaultdict(list)
for dirpath, _, names in os.walk(root):
    if "/obj" in dirpath or "/bin" in dirpath: continue
    for n in names:
        if not n.endswith(".cs"): continue
        path = os.path.join(dirpath, n)
        rel = os.path.relpath(dirpath, root).split(os.sep)[0]
        files["(root)" if rel == "." else rel].append(path)
# A folder's namespaces: those declared by its files.
declared = defaultdict(set)
types = defaultdict(set)
for folder, paths in files.items():
    for p in paths:
        s = open(p).read()
        for m in re.finditer(r"^namespace\s+([\w.]+)", s, re.M): declared[folder].add(m.group(1))
        for m in re.finditer(r"\b(?:class|record|struct|enum|interface)\s+(\w+)", s): types[folder].add(m.group(1))
edges = defaultdict(set)
for folder, paths in files.items():
    for p in paths:
        s = open(p).read()
        used = set(re.findall(r"^using\s+([\w.]+);", s, re.M))
        for other, spaces in declared.items():
            if other == folder: continue
            own = {n for n in spaces if n != "Generative.ML"}
            if own & used or any(re.search(r"\b" + re.escape(n) + r"\.\w", s) for n in own):
                edges[folder].add(other)
            # Types in the shared Generative.ML namespace (options, enums) are seen without a using: count them by name.
            if "Generative.ML" in spaces:
                public = {t for t in types[other] if len(t) > 3}
                mine = types[folder]
                body = re.sub(r"//.*", "", s)
                if any(re.search(r"\b" + t + r"\b", body) for t in public - mine): edges[folder].add(other)
for f in sorted(edges): print(f"{f} -> {', '.join(sorted(edges[f]))}")
cycles = sorted({tuple(sorted((a, b))) for a in edges for b in edges[a] if a in edges.get(b, set())})
print(f"\nfolders importing each other: {len(cycles)}")
for a, b in cycles: print(f"  {a} <-> {b}")
sys.exit(1 if cycles else 0)

"""What an Isolation Forest member would add to the label-driven score choice, estimated from a labelled run's outputs.

Usage: isolation_forest_member.py LOG K
LOG is the console output of `./build.sh bench quality --setting labelled-K --detectors vae,vae+labels=0 ...` (each line
gives the VAE's test AUROC with labels, the chosen score's cross-validated AUROC and the unlabelled default's test AUROC);
the splits are read from artifacts/bench/quality-splits-labelled-K. The labelled rows are rebuilt as the bench makes them
(the first K anomalies and 10 K normal rows of the training file). scikit-learn's IsolationForest (100 trees) is
cross-validated as the library does it: at most 3 folds of the labelled rows, anomalies and normal rows dealt evenly,
each fold scored by a forest fitted without the known anomalies and the fold's rows, each score read as its position
among that forest's training scores, the AUROC pooled. The forest is picked where its cross-validated AUROC is above
the chosen VAE score's; then its test AUROC (fitted on the training rows but the known anomalies) counts.
The fold deal differs from the library's (another random generator), so this is an estimate.
"""
import re
import sys

import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score

GROUPS = {"real-dev": ["breast-cancer", "wine", "ionosphere", "glass"], "digits": ["digits"],
          "real": ["breastw", "satimage2", "shuttle", "satellite"]}


def main():
    log, k = sys.argv[1], int(sys.argv[2])
    directory = f"artifacts/bench/quality-splits-labelled-{k}"
    runs = {}
    pattern = re.compile(r"\s+(\S+)\s+seed (\d+): vae ([0-9.]+) \[(\w+); cross-validated (.*)\] \([0-9.]+ s\), vae\+labels=0 ([0-9.]+)")
    for line in open(log):
        m = pattern.match(line)
        if m:
            cv = dict((name, float(v)) for name, v in (p.split(" ") for p in m.group(5).split(", ")))
            runs[(m.group(1), int(m.group(2)))] = (float(m.group(6)), float(m.group(3)), cv[m.group(4)])
    results = []
    for (task, seed), (plain, labelled, labelled_cv) in sorted(runs.items()):
        train = np.loadtxt(f"{directory}/{task}__{seed}.train.csv", delimiter=",", ndmin=2)
        test = np.loadtxt(f"{directory}/{task}__{seed}.test.csv", delimiter=",", ndmin=2)
        x, y = train[:, :-1], train[:, -1]
        label = np.full(len(y), np.nan)
        anomalies = normals = 0
        for i in range(len(y)):
            if y[i] == 1 and anomalies < k:
                label[i], anomalies = 1, anomalies + 1
            elif y[i] == 0 and normals < 10 * k:
                label[i], normals = 0, normals + 1
        known_a, known_n = np.where(label == 1)[0], np.where(label == 0)[0]
        folds = min(3, len(known_a), len(known_n))
        fold = np.full(len(y), -1)
        rng = np.random.default_rng(seed)
        for group in (known_a, known_n):
            order = rng.permutation(group)
            fold[order] = np.arange(len(order)) % folds
        positions, labels = [], []
        for f in range(folds):
            held = np.where(fold == f)[0]
            rows = np.where((label != 1) & (fold != f))[0]
            forest = IsolationForest(n_estimators=100, random_state=seed).fit(x[rows])
            reference = np.sort(-forest.score_samples(x[rows]))
            positions += list(np.searchsorted(reference, -forest.score_samples(x[held])) / len(reference))
            labels += list(label[held])
        forest_cv = roc_auc_score(labels, positions)
        forest = IsolationForest(n_estimators=100, random_state=seed).fit(x[label != 1])
        forest_test = roc_auc_score(test[:, -1], -forest.score_samples(test[:, :-1]))
        picked = forest_test if forest_cv > labelled_cv else labelled
        results.append((task, plain, labelled, picked))
        print(f"{task:14s} seed {seed}: unlabelled {plain:.3f}, labelled VAE {labelled:.3f} (cv {labelled_cv:.3f}), "
              f"forest cv {forest_cv:.3f} test {forest_test:.3f} -> {picked:.3f}")
    for group, tasks in GROUPS.items():
        rows = [r for r in results if r[0] in tasks]
        if rows:
            print(f"{group}: unlabelled {np.mean([r[1] for r in rows]):.3f}, labelled VAE {np.mean([r[2] for r in rows]):.3f}, "
                  f"with a forest member {np.mean([r[3] for r in rows]):.3f}")


if __name__ == "__main__":
    main()

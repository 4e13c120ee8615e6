"""The references of `./build.sh bench embed`: t-SNE and Isomap from Debian's scikit-learn.

Usage: embed_references.py FOLDER K SEED (t-SNE only for K <= 3). FOLDER holds train.csv and test.csv (standardised rows, no header). Prints one
JSON line per method: {"method", "train": [[...]], "test": [[...]], "seconds"}.

t-SNE cannot place a row it was not fitted with, so it is given the training and the test rows together (without
labels): its test codes come from a map that saw those rows, which favours it. Isomap is fitted on the training rows and
places the test rows with its own out-of-sample extension, as the library's encoders do.
"""
import json
import sys
import time

import numpy as np
from sklearn.manifold import TSNE, Isomap

folder, k, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
train = np.loadtxt(f"{folder}/train.csv", delimiter=",", ndmin=2)
test = np.loadtxt(f"{folder}/test.csv", delimiter=",", ndmin=2)


def emit(method, z_train, z_test, seconds):
    print(json.dumps({"method": method, "train": np.round(z_train, 6).tolist(), "test": np.round(z_test, 6).tolist(),
                      "seconds": seconds}), flush=True)


if k <= 3:  # t-SNE makes 2-D and 3-D maps; above that only its exact O(n^2) method runs, and nobody uses it so
    start = time.time()
    both = TSNE(k, init="pca", learning_rate="auto", random_state=seed).fit_transform(np.vstack([train, test]))
    emit("t-SNE (sees the test rows)", both[:len(train)], both[len(train):], time.time() - start)

start = time.time()
isomap = Isomap(n_neighbors=min(10, len(train) - 1), n_components=k).fit(train)
emit("Isomap", isomap.transform(train), isomap.transform(test), time.time() - start)

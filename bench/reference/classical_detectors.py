"""Classical anomaly detectors on the quality benchmark's splits, for `./build.sh bench quality`.

Usage: classical_detectors.py DIR
DIR holds NAME__SEED.train.csv and NAME__SEED.test.csv (features, then 0/1 anomaly label; written by the bench, already
standardised by the training part). Each detector fits on the training rows (labels unused) and scores the test rows;
one JSON line per (task, seed, detector) gives the test AUROC.
  isolation_forest  scikit-learn's IsolationForest, 100 trees (its defaults), random_state = seed
  pca_reconstruction  squared residual after projecting on the components that explain 90% of the variance
  pca_mahalanobis   Mahalanobis distance over all components (the full covariance, tiny eigenvalues floored)
  knn               distance to the 5th nearest training row (pyod's KNN default, method "largest")
"""
import glob
import json
import os
import sys

import numpy as np
from sklearn.decomposition import PCA
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score
from sklearn.neighbors import NearestNeighbors


def detectors(train, seed):
    forest = IsolationForest(n_estimators=100, random_state=seed).fit(train)
    yield "isolation_forest", lambda x: -forest.score_samples(x)

    pca = PCA().fit(train)
    k = int(np.searchsorted(np.cumsum(pca.explained_variance_ratio_), 0.90) + 1)
    components = pca.components_[:k]

    def residual(x):
        centred = x - pca.mean_
        projected = centred @ components.T @ components
        return ((centred - projected) ** 2).sum(axis=1)
    yield "pca_reconstruction", residual

    variances = np.maximum(pca.explained_variance_, 1e-6 * pca.explained_variance_.max())

    def mahalanobis(x):
        return (((x - pca.mean_) @ pca.components_.T) ** 2 / variances).sum(axis=1)
    yield "pca_mahalanobis", mahalanobis

    neighbours = NearestNeighbors(n_neighbors=min(5, len(train))).fit(train)
    yield "knn", lambda x: neighbours.kneighbors(x)[0][:, -1]


def main():
    directory = sys.argv[1]
    for train_path in sorted(glob.glob(os.path.join(directory, "*.train.csv"))):
        stem = os.path.basename(train_path)[: -len(".train.csv")]
        task, seed = stem.rsplit("__", 1)
        train = np.loadtxt(train_path, delimiter=",", dtype=np.float64, ndmin=2)
        test = np.loadtxt(os.path.join(directory, stem + ".test.csv"), delimiter=",", dtype=np.float64, ndmin=2)
        for name, score in detectors(train[:, :-1], int(seed)):
            auroc = roc_auc_score(test[:, -1], score(test[:, :-1]))
            print(json.dumps({"task": task, "seed": int(seed), "detector": name, "auroc": float(auroc)}), flush=True)


if __name__ == "__main__":
    main()

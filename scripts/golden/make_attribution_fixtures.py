#!/usr/bin/python3
"""Golden fixtures for shared/attribution, computed with scikit-learn / scipy / numpy.

Run with Debian's interpreter (python3-sklearn, python3-scipy):
    /usr/bin/python3 scripts/golden/make_attribution_fixtures.py
Writes test/fixtures/attribution/classifiers.json. Seeded: re-running gives identical files for the same library
versions.

The fourth-root pretreatment follows shared/profiling/pretreatment.ts (normalise to the sum of target areas, then
x ** 0.25), written independently in numpy; the Pearson distance is scipy's "correlation". LinearDiscriminantAnalysis
(solver='lsqr', shrinkage float or 'auto'), KNeighborsClassifier(metric='precomputed') and cross_val_predict over
a PredefinedSplit are scikit-learn's own results.
"""
import json
import os
import sys

import numpy as np
import scipy
import sklearn
from scipy.spatial.distance import cdist
from sklearn.covariance import empirical_covariance, ledoit_wolf_shrinkage, shrunk_covariance
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import PredefinedSplit, cross_val_predict
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "fixtures", "attribution")


def fourth_root(raw):
    x = np.where(raw > 0, raw, 0.0)
    s = x.sum(axis=1, keepdims=True)
    x = np.divide(x, s, out=np.zeros_like(x), where=s > 0)
    return np.sqrt(np.sqrt(x))


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def ints(a):
    return [int(v) for v in np.asarray(a).ravel()]


def routes_dataset(rng, n_per_source, sources_per_route, p, route_sd=0.9, source_sd=0.35, noise_sd=0.15, zero_column=True):
    """Log-normal areas: route profile + source deviation + sample noise; one compound never detected."""
    routes = ["gupta", "janssen", "siegfried"][: len(sources_per_route)]
    X, y, src = [], [], []
    base = rng.normal(0.0, 1.0, p)
    for r, route in enumerate(routes):
        route_mu = base + rng.normal(0.0, route_sd, p)
        for s in range(sources_per_route[r]):
            mu = route_mu + rng.normal(0.0, source_sd, p)
            for _ in range(n_per_source):
                X.append(np.exp(mu + rng.normal(0.0, noise_sd, p)) * 1000.0)
                y.append(route)
                src.append(f"{route}-lab{s + 1}")
    X = np.array(X)
    if zero_column:
        X[:, -1] = 0.0
    # A few not-detected trace compounds, as in real profiles.
    X[rng.random(X.shape) < 0.05] = 0.0
    return X, np.array(y), np.array(src)


def lda_block(x, y, train, test, shrinkage, priors):
    classes = np.unique(y[train])
    pri = None if priors == "empirical" else np.full(len(classes), 1.0 / len(classes))
    lda = LinearDiscriminantAnalysis(solver="lsqr", shrinkage=shrinkage, priors=pri).fit(x[train], y[train])
    coef = lda.coef_
    intercept = lda.intercept_
    if len(classes) == 2:
        # sklearn folds the two rows into one; the workbench keeps one row per class. Recompute both from the model.
        w = np.linalg.lstsq(lda.covariance_, lda.means_.T, rcond=None)[0].T
        coef = w
        intercept = -0.5 * np.diag(lda.means_ @ w.T) + np.log(lda.priors_)
    intens = []
    for c in classes:
        xc = x[train][y[train] == c]
        if shrinkage == "auto":
            intens.append(float(ledoit_wolf_shrinkage(StandardScaler().fit_transform(xc))))
        else:
            intens.append(float(shrinkage))
    return {
        "shrinkage": shrinkage,
        "priors": priors,
        "classes": [str(c) for c in classes],
        "covariance": floats(lda.covariance_),
        "coef": floats(coef),
        "intercept": floats(intercept),
        "intensities": intens,
        "proba": floats(lda.predict_proba(x[test])),
        "predict": [str(v) for v in lda.predict(x[test])],
    }


def pooled_lda_block(x, y, train, test, priors):
    """The workbench's default 'pooled-ledoit-wolf' in numpy + sklearn.covariance: one Ledoit-Wolf intensity on the
    route-centred training samples stacked, applied to the prior-weighted pooled covariance; then sklearn's lsqr
    formulas (coef = solve(cov, means), intercept = -1/2 diag(means coef') + log priors, softmax)."""
    xt, yt = x[train], y[train]
    classes = np.unique(yt)
    pri = np.full(len(classes), 1.0 / len(classes)) if priors == "uniform" else np.array([np.mean(yt == c) for c in classes])
    means = np.array([xt[yt == c].mean(axis=0) for c in classes])
    stacked = np.vstack([xt[yt == c] - means[k] for k, c in enumerate(classes)])
    s = ledoit_wolf_shrinkage(stacked, assume_centered=True)
    pooled = sum(pri[k] * empirical_covariance(xt[yt == c]) for k, c in enumerate(classes))
    cov = shrunk_covariance(pooled, s)
    coef = np.linalg.solve(cov, means.T).T
    intercept = -0.5 * np.diag(means @ coef.T) + np.log(pri)
    d = x[test] @ coef.T + intercept
    d = np.exp(d - d.max(axis=1, keepdims=True))
    proba = d / d.sum(axis=1, keepdims=True)
    return {
        "shrinkage": "pooled-ledoit-wolf",
        "priors": priors,
        "classes": [str(c) for c in classes],
        "covariance": floats(cov),
        "coef": floats(coef),
        "intercept": floats(intercept),
        "intensities": [float(s)] * len(classes),
        "proba": floats(proba),
        "predict": [str(classes[k]) for k in np.argmax(proba, axis=1)],
    }


def knn_block(d, y, train, test, k):
    knn = KNeighborsClassifier(n_neighbors=k, metric="precomputed").fit(d[np.ix_(train, train)], y[train])
    return {
        "k": k,
        "classes": [str(c) for c in knn.classes_],
        "proba": floats(knn.predict_proba(d[np.ix_(test, train)])),
        "predict": [str(v) for v in knn.predict(d[np.ix_(test, train)])],
    }


def cv_block(x, d, y, folds):
    split = PredefinedSplit(folds)
    classes = np.unique(y)
    lda = LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto", priors=np.full(len(classes), 1.0 / len(classes)))
    lda_pred = cross_val_predict(lda, x, y, cv=split)
    knn = KNeighborsClassifier(n_neighbors=5, metric="precomputed")
    knn_pred = cross_val_predict(knn, d, y, cv=split)
    return {
        "folds": ints(folds),
        "classes": [str(c) for c in classes],
        "lda_predict": [str(v) for v in lda_pred],
        "lda_accuracy": float(np.mean(lda_pred == y)),
        "lda_confusion": ints(confusion_matrix(y, lda_pred, labels=classes)),
        "knn_predict": [str(v) for v in knn_pred],
        "knn_accuracy": float(np.mean(knn_pred == y)),
        "knn_confusion": ints(confusion_matrix(y, knn_pred, labels=classes)),
    }


def dataset(name, rng, n_per_source, sources_per_route, p, n_test):
    raw, y, src = routes_dataset(rng, n_per_source, sources_per_route, p)
    n = len(y)
    x = fourth_root(raw)
    d = cdist(x, x, "correlation")
    np.fill_diagonal(d, 0.0)
    perm = rng.permutation(n)
    test = np.sort(perm[:n_test])
    train = np.sort(perm[n_test:])
    blocks = []
    for shrinkage in [0.1, 0.5, "auto"]:
        for priors in ["uniform", "empirical"]:
            blocks.append(lda_block(x, y, train, test, shrinkage, priors))
    for priors in ["uniform", "empirical"]:
        blocks.append(pooled_lda_block(x, y, train, test, priors))
    folds = np.empty(n, dtype=int)
    folds[perm] = np.arange(n) % 4
    return {
        "name": name,
        "n": n,
        "p": p,
        "X": floats(raw),
        "routes": [str(v) for v in y],
        "sources": [str(v) for v in src],
        "pretreated": floats(x),
        "distances": floats(d),
        "train": ints(train),
        "test": ints(test),
        "lda": blocks,
        "knn": [knn_block(d, y, train, test, k) for k in (1, 3, 5)],
        "cv": cv_block(x, d, y, folds),
    }


def write_fixture(file, generator, datasets):
    """Writes test/fixtures/attribution/<file> with the library versions that computed it."""
    out = {
        "generator": generator,
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__, "python": sys.version.split()[0]},
        "datasets": datasets,
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, file), "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


def main():
    rng = np.random.default_rng(20261125)
    write_fixture("classifiers.json", "scripts/golden/make_attribution_fixtures.py", [
        dataset("three-routes", rng, 6, [3, 3, 3], 9, 12),
        # More compounds than training samples per route: the case shrinkage is for.
        dataset("wide", rng, 3, [2, 2], 14, 4),
    ])


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Golden fixtures for shared/attribution/typicality.ts (the open-set test of route attribution), in numpy, scipy and
scikit-learn, written independently of the TypeScript.

Run with Debian's interpreter (python3-sklearn, python3-scipy):
    /usr/bin/python3 scripts/golden/make_typicality_fixtures.py
Writes test/fixtures/attribution/typicality.json. Seeded: re-running gives identical files for the same library
versions.

The model: each reference source's mean signature is a unit; route means are the means of their sources' means;
the covariance is the routes' biased covariances of their source means (sklearn.covariance.empirical_covariance)
averaged with equal weights, shrunk by one Ledoit-Wolf intensity computed on all route-centred source means stacked
(sklearn.covariance.ledoit_wolf_shrinkage, assume_centered=True; shrunk_covariance). D^2 is scipy's Mahalanobis
distance squared (scipy.spatial.distance.mahalanobis with VI = inv(covariance)). The held-out distances refit the
model without each fold (folds grouped by source) and measure each held-out sample against its own route; the cut
is numpy's quantile (linear interpolation) at 0.99 of them.
"""
import os
import sys
import warnings

import numpy as np
from scipy.spatial.distance import mahalanobis
from sklearn.covariance import empirical_covariance, ledoit_wolf_shrinkage, shrunk_covariance

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_attribution_fixtures import floats, fourth_root, ints, routes_dataset, write_fixture  # noqa: E402



def fit(x, y, src):
    routes = sorted(set(y))
    units = sorted(set(zip(y, src)), key=lambda t: (routes.index(t[0]), t[1]))
    unit_means = {u: x[(y == u[0]) & (src == u[1])].mean(axis=0) for u in units}
    means, covs, centred = [], [], []
    for r in routes:
        m = np.array([unit_means[u] for u in units if u[0] == r])
        mu = m.mean(axis=0)
        means.append(mu)
        covs.append(empirical_covariance(m))
        centred.append(m - mu)
    s = ledoit_wolf_shrinkage(np.vstack(centred), assume_centered=True)
    cov = shrunk_covariance(sum(covs) / len(routes), s)
    return routes, np.array(means), cov, float(s)


def d2(routes, means, cov, rows):
    vi = np.linalg.inv(cov)
    return np.array([[mahalanobis(r, means[k], vi) ** 2 for k in range(len(routes))] for r in rows])


def block(name, rng, n_per_source, sources_per_route, p, n_test_sources):
    raw, y, src = routes_dataset(rng, n_per_source, sources_per_route, p, zero_column=False)
    x = fourth_root(raw)
    # Whole sources held out as the questioned samples (new sources of referenced routes).
    sources = sorted(set(src))
    held = set(rng.choice(sources, size=n_test_sources, replace=False))
    test = np.array([i for i in range(len(y)) if src[i] in held])
    train = np.array([i for i in range(len(y)) if src[i] not in held])
    routes, means, cov, s = fit(x[train], y[train], src[train])
    # Folds over the training references, grouped by source.
    tsrc = sorted(set(src[train]))
    fold_of = {t: k % 3 for k, t in enumerate(rng.permutation(tsrc))}
    folds = np.array([fold_of[src[i]] for i in train])
    heldout = np.full(len(train), np.nan)
    for f in range(3):
        tr = train[folds != f]
        te = train[folds == f]
        r2, m2, c2, _ = fit(x[tr], y[tr], src[tr])
        dd = d2(r2, m2, c2, x[te])
        for j, i in enumerate(te):
            if y[i] in r2:
                heldout[np.where(train == i)[0][0]] = dd[j, r2.index(y[i])]
    valid = heldout[~np.isnan(heldout)]
    return {
        "name": name,
        "n": len(y),
        "p": p,
        "X": floats(raw),
        "routes": [str(v) for v in y],
        "sources": [str(v) for v in src],
        "pretreated": floats(x),
        "train": ints(train),
        "test": ints(test),
        "classes": routes,
        "intensity": s,
        "covariance": floats(cov),
        "d2": floats(d2(routes, means, cov, x[test])),
        "folds": ints(folds),
        "heldout_d2": [None if np.isnan(v) else float(v) for v in heldout],
        "cut_99": float(np.quantile(valid, 0.99)),
        "cut_95": float(np.quantile(valid, 0.95)),
    }


def main():
    # A route with a single source in a fold has a zero covariance of its source means; sklearn warns and returns
    # zeros, which is the TypeScript's reading too.
    warnings.filterwarnings("ignore", message="Only one sample available")
    rng = np.random.default_rng(20261202)
    write_fixture("typicality.json", "scripts/golden/make_typicality_fixtures.py", [
        block("three-routes", rng, 5, [4, 4, 4], 9, 3),
        # More compounds than sources: the covariance of source means is mostly shrinkage.
        block("wide", rng, 4, [4, 4], 14, 2),
    ])

if __name__ == "__main__":
    main()

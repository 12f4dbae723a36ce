#!/usr/bin/python3
"""Golden fixtures for the automatic mode's choices, with numpy / scipy / scikit-learn.

    /usr/bin/python3 scripts/golden/make_selection_fixtures.py

Writes test/fixtures/profiling/selection.json:
  wine       UCI wine (sklearn.datasets.load_wine, 178 x 13, 3 cultivars): autoscaled (ddof 1) Euclidean distances, the
             five linkages' cophenetic correlation and their cut into 3 classes with its ARI against the cultivars.
             Cophenetic correlation prefers average linkage (ARI about -0.005); Ward recovers the cultivars (0.79).
  weighted   distances of linked and unlinked pairs with weights: roc_auc_score(..., sample_weight) (ties as half).
  mixture    the semi-supervised two-component Gaussian mixture of shared/profiling/contamination.ts, written
             independently in numpy: EM on log10 distances, linked pairs fixed to the same-source component, whose
             spread is the linked pairs' and whose mean may not fall below theirs; the different-source component a
             Student t fitted by EM with latent scales (Lange, Little & Taylor 1989), its degrees of freedom by the
             ECME step (Liu & Rubin 1995) within [4, 200]: the root of the weighted score in nu, found here by
             scipy's brentq. The unlinked pairs' different-source part is drawn from a t with 8 degrees of freedom,
             so that they are estimated away from their bounds.
  special    scipy.special.gammaln and digamma at points that the t's degrees of freedom reach.
"""
import json
import os
import sys

from math import lgamma

import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import cophenet, fcluster, linkage
from scipy.optimize import brentq
from scipy.special import digamma, gammaln
from scipy.spatial.distance import pdist
from sklearn.datasets import load_wine
from sklearn.metrics import adjusted_rand_score, roc_auc_score

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "fixtures", "profiling")


def wine():
    x, y = load_wine(return_X_y=True)
    z = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
    d = pdist(z, "euclidean")
    methods = {}
    for m in ["single", "complete", "average", "weighted", "ward"]:
        tree = linkage(d, m)
        labels = fcluster(tree, 3, "maxclust")
        methods[m] = {"cophenetic_correlation": float(cophenet(tree, d)[0]), "labels": [int(v) for v in labels], "ari": float(adjusted_rand_score(y, labels))}
    return {"X": [[float(v) for v in r] for r in x], "cultivar": [int(v) for v in y], "features": list(load_wine().feature_names), "methods": methods}


def weighted(rng):
    linked = np.round(rng.gamma(2.0, 0.02, 300), 3)
    unlinked = np.round(rng.gamma(4.0, 0.1, 900), 2)
    wl = rng.integers(0, 4, 300).astype(float)
    wu = rng.integers(0, 6, 900).astype(float)
    y = np.r_[np.ones(300), np.zeros(900)]
    auc = roc_auc_score(y, -np.r_[linked, unlinked], sample_weight=np.r_[wl, wu])
    return {"linked": linked.tolist(), "unlinked": unlinked.tolist(), "linked_weight": wl.tolist(), "unlinked_weight": wu.tolist(), "auc": float(auc)}


DF_MIN, DF_MAX = 4.0, 200.0


def ecme_df(x, w, mean, sd):
    """nu maximising sum w log t(x; mean, sd, nu) on [DF_MIN, DF_MAX] (student-t.ts): the root of its score in log nu."""
    z2 = ((x - mean) / sd) ** 2

    def score(t):
        nu = np.exp(t)
        return 0.5 * (digamma((nu + 1) / 2) - digamma(nu / 2) - 1 / nu + (w * ((nu + 1) * z2 / (nu * (nu + z2)) - np.log1p(z2 / nu))).sum() / w.sum())

    lo, hi = np.log(DF_MIN), np.log(DF_MAX)
    if score(lo) <= 0:
        return DF_MIN
    if score(hi) >= 0:
        return DF_MAX
    return float(np.exp(brentq(score, lo, hi, xtol=1e-14, rtol=1e-15, maxiter=500)))


def mixture_em(linked, unlinked, iterations=500, tol=1e-9):
    """EM as contamination.ts states it (module doc), in numpy."""
    dist = np.r_[linked, unlinked]
    floor = dist[dist > 0].min() / 2
    xl = np.log10(np.maximum(linked, floor))
    xu = np.log10(np.maximum(unlinked, floor))
    min_sd = 0.01
    nu = 4.0
    anchor_mean, anchor_sd = xl.mean(), max(min_sd, xl.std())
    same_mean, same_sd = anchor_mean, anchor_sd
    r = np.where(xu <= same_mean + 2 * same_sd, 0.9, 0.01)
    prev = -np.inf
    for it in range(iterations):
        share = min(1 - 1e-9, max(1e-9, r.mean()))
        w = np.r_[r, np.ones_like(xl)]
        xs = np.r_[xu, xl]
        same_mean = max(anchor_mean, (w * xs).sum() / w.sum())
        same_sd = anchor_sd
        q = 1 - r
        if it == 0:
            diff_mean = (q * xu).sum() / q.sum()
            diff_sd = max(min_sd, np.sqrt((q * (xu - diff_mean) ** 2).sum() / q.sum()))
        else:
            u = (nu + 1) / (nu + ((xu - diff_mean) / diff_sd) ** 2)
            mean = (q * u * xu).sum() / (q * u).sum()
            diff_sd = max(min_sd, np.sqrt((q * u * (xu - mean) ** 2).sum() / q.sum()))
            diff_mean = mean
            nu = ecme_df(xu, q, diff_mean, diff_sd)

        def logpdf(x, m, s):
            return -0.5 * ((x - m) / s) ** 2 - np.log(s) - 0.5 * np.log(2 * np.pi)

        def logt(x, m, s):
            z = (x - m) / s
            return lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * np.log(nu * np.pi) - np.log(s) - (nu + 1) / 2 * np.log1p(z * z / nu)

        a = np.log(share) + logpdf(xu, same_mean, same_sd)
        b = np.log(1 - share) + logt(xu, diff_mean, diff_sd)
        norm = np.logaddexp(a, b)
        r = np.exp(a - norm)
        ll = (norm.sum() + logpdf(xl, same_mean, same_sd).sum()) / (len(xu) + len(xl))
        if abs(ll - prev) < tol:
            return {"share": float(share), "same": [float(same_mean), float(same_sd)], "different": [float(diff_mean), float(diff_sd)], "df": float(nu), "iterations": it + 1, "posterior_head": r[:20].tolist()}
        prev = ll
    raise RuntimeError("no convergence")


def mixture(rng):
    linked = 10 ** rng.normal(-3.0, 0.4, 400)
    same = 10 ** rng.normal(-2.6, 0.5, 300)
    diff = 10 ** (-0.5 + 0.25 * rng.standard_t(8, 2700))
    unlinked = rng.permutation(np.r_[same, diff])
    return {"linked": linked.tolist(), "unlinked": unlinked.tolist(), "true_share": 0.1, "em": mixture_em(linked, unlinked)}


def special():
    x = [0.5, 1.0, 1.5, 2.5, 3.7, 9.99, 10.0, 10.5, 33.3, 100.5, 200.0]
    return {"x": x, "gammaln": [float(gammaln(v)) for v in x], "digamma": [float(digamma(v)) for v in x]}


if __name__ == "__main__":
    rng = np.random.default_rng(20251202)
    doc = {"wine": wine(), "weighted": weighted(rng), "mixture": mixture(rng), "special": special()}
    doc["versions"] = {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__, "python": sys.version.split()[0]}
    with open(os.path.join(OUT, "selection.json"), "w") as f:
        json.dump(doc, f)
        f.write("\n")

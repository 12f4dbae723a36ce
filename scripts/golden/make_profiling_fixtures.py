#!/usr/bin/python3
"""Golden fixtures for shared/profiling, computed with scipy / scikit-learn / numpy.

Run with Debian's interpreter (python3-scipy, python3-sklearn):
    /usr/bin/python3 scripts/golden/make_profiling_fixtures.py
Writes JSON into test/fixtures/profiling/. Seeded: re-running gives identical files for the same library versions.

Pretreatments follow the workbench's definitions (shared/profiling/pretreatment.ts) written independently in numpy;
pdist, linkage, fcluster, cophenet, PCA, ROC and KDE are the reference libraries' own results. Pearson / cosine on a
constant or empty signature are NaN in scipy; the workbench defines them as distance 1, so NaNs are replaced by 1
before anything else uses them (recorded in `degenerate_rows`).
"""
import json
import os
import sys

import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import cophenet, fcluster, linkage
from scipy.spatial.distance import pdist
from scipy.stats import gaussian_kde
from sklearn.decomposition import PCA
from sklearn.metrics import roc_auc_score, roc_curve

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "fixtures", "profiling")
METRICS = {"pearson": "correlation", "cosine": "cosine", "euclidean": "euclidean", "manhattan": "cityblock", "canberra": "canberra"}
METHODS = ["single", "complete", "average", "weighted", "ward"]
PRETREATMENTS = ["none", "n", "sqrt", "fourth-root", "log", "n+s", "autoscale"]
LOG_OFFSET = 1e-4


def normalise(x):
    x = np.where(x > 0, x, 0.0)
    s = x.sum(axis=1, keepdims=True)
    return np.divide(x, s, out=np.zeros_like(x), where=s > 0)


def constant_columns(x):
    mean = x.mean(axis=0)
    sd = x.std(axis=0, ddof=1)
    return sd, ~(sd > 1e-12 * np.abs(mean)) | (sd == 0)


def pretreat(raw, method):
    x = raw.astype(float).copy()
    if method == "none":
        return x
    if method == "autoscale":
        sd, const = constant_columns(x)
        z = (x - x.mean(axis=0)) / np.where(const, 1.0, sd)
        z[:, const] = 0.0
        return z
    x = normalise(x)
    if method == "n":
        return x
    if method == "sqrt":
        return np.sqrt(x)
    if method == "fourth-root":
        return np.sqrt(np.sqrt(x))
    if method == "log":
        return np.log10(x + LOG_OFFSET)
    if method == "n+s":
        sd, const = constant_columns(x)
        return x / np.where(const, 1.0, sd)
    raise ValueError(method)


def distances(x, score):
    with np.errstate(invalid="ignore", divide="ignore"):
        d = pdist(x, METRICS[score])
    return np.where(np.isnan(d), 1.0, d)


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def ints(a):
    return [int(v) for v in np.asarray(a).ravel()]


def tree_block(d, n, with_cophenetic=False):
    out = {}
    for method in METHODS:
        z = linkage(d, method)
        heights = z[:, 2]
        thresholds = sorted(set([float(np.quantile(heights, q)) for q in (0.25, 0.5, 0.75)] + [float(heights[n // 2])]))
        coph_corr, coph = cophenet(z, d)
        out[method] = {
            "Z": floats(z),
            "cophenetic_correlation": float(coph_corr),
            "cophenetic": floats(coph) if with_cophenetic else None,
            "fcluster_distance": [{"t": t, "labels": ints(fcluster(z, t, "distance"))} for t in thresholds],
            "fcluster_maxclust": [{"k": k, "labels": ints(fcluster(z, k, "maxclust"))} for k in (1, 2, 3, 5, 8)],
        }
    return out


def dataset_sources(rng):
    """48 samples, 8 compounds: 4 sources x 4 seizures x 3 samples; 2 cases per source."""
    base = np.exp(rng.normal(0, 1.2, size=(4, 8)))
    base[0, 7] = 0.0
    base[2, 5] = 0.0
    rows, seizure, case = [], [], []
    for s in range(4):
        for z in range(4):
            for _ in range(3):
                v = base[s] * np.exp(rng.normal(0, 0.12, size=8)) * rng.uniform(0.5, 2.0)
                v[rng.uniform(size=8) < 0.04] = 0.0
                rows.append(v)
                seizure.append(f"S{s}-{z}")
                case.append(f"C{s}-{z // 2}")
    return np.array(rows), seizure, case


def dataset_ties(rng):
    """30 samples, 8 compounds of small integers (many tied distances), duplicate rows, a constant row and an empty row."""
    x = rng.integers(0, 5, size=(30, 8)).astype(float)
    x[5] = x[2]
    x[17] = x[2]
    x[11] = x[9]
    x[20] = 3.0
    x[25] = 0.0
    seizure = [f"S{i // 3}" for i in range(30)]
    case = [f"C{i // 6}" for i in range(30)]
    return x, seizure, case


def dataset_random(rng):
    """60 samples, 8 compounds uniform on [0, 1) with ~10 % not detected."""
    x = rng.uniform(size=(60, 8))
    x[rng.uniform(size=x.shape) < 0.1] = 0.0
    seizure = [f"S{i // 2}" for i in range(60)]
    case = [f"C{i // 4}" for i in range(60)]
    return x, seizure, case


def pair_split(seizure, case):
    n = len(seizure)
    linked, unlinked = [], []
    k = 0
    for i in range(n - 1):
        for j in range(i + 1, n):
            if seizure[i] == seizure[j]:
                linked.append(k)
            elif case[i] != case[j]:
                unlinked.append(k)
            k += 1
    return np.array(linked), np.array(unlinked)


def roc_block(dl, du):
    y = np.r_[np.ones(len(dl)), np.zeros(len(du))]
    s = -np.r_[dl, du]
    fpr, tpr, thr = roc_curve(y, s)
    fpr_all, tpr_all, thr_all = roc_curve(y, s, drop_intermediate=False)
    return {
        "linked": floats(dl),
        "unlinked": floats(du),
        "auc": float(roc_auc_score(y, s)),
        "roc": {"fpr": floats(fpr), "tpr": floats(tpr), "thresholds": floats(-thr)},
        "roc_all": {"fpr": floats(fpr_all), "tpr": floats(tpr_all), "thresholds": floats(-thr_all)},
    }


def kde_block(values, grid):
    kde = gaussian_kde(values)
    return {"factor": float(kde.factor), "bandwidth": float(np.sqrt(kde.covariance[0, 0])), "grid": floats(grid), "density": floats(kde(grid))}


def pca_block(x):
    model = PCA().fit(x)
    return {
        "scores": floats(model.transform(x)),
        "components": floats(model.components_),
        "explained_variance": floats(model.explained_variance_),
        "explained_variance_ratio": floats(model.explained_variance_ratio_),
        "mean": floats(model.mean_),
        "n_components": int(model.n_components_),
    }


def small_fixture(name, x, seizure, case):
    n, p = x.shape
    pre = {m: pretreat(x, m) for m in PRETREATMENTS}
    fix = {
        "name": name,
        "n": n,
        "p": p,
        "X": floats(x),
        "seizure": seizure,
        "case": case,
        "log_offset": LOG_OFFSET,
        "pretreated": {m: floats(v) for m, v in pre.items()},
        "pdist": {},
        "trees": {},
        "pca": {m: pca_block(pre[m]) for m in ("fourth-root", "autoscale")},
    }
    for pname in ("fourth-root", "none", "autoscale"):
        fix["pdist"][pname] = {}
        fix["trees"][pname] = {}
        for score in METRICS:
            d = distances(pre[pname], score)
            fix["pdist"][pname][score] = floats(d)
            if pname != "autoscale":
                fix["trees"][pname][score] = tree_block(d, n, with_cophenetic=(pname == "fourth-root" and score == "pearson"))
    linked, unlinked = pair_split(seizure, case)
    d = distances(pre["fourth-root"], "pearson")
    fix["calibration"] = roc_block(d[linked], d[unlinked])
    return fix


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240601)
    meta = {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__, "python": sys.version.split()[0]}
    for name, maker in (("sources", dataset_sources), ("ties", dataset_ties), ("random", dataset_random)):
        x, seizure, case = maker(rng)
        fix = small_fixture(name, x, seizure, case)
        fix["versions"] = meta
        write(f"{name}.json", fix)

    # A medium data set (n = 300) checks the linkage beyond toy sizes; distances are recomputed by the tests.
    x = np.exp(rng.normal(0, 1, size=(6, 10)))[rng.integers(0, 6, size=300)] * np.exp(rng.normal(0, 0.2, size=(300, 10)))
    pre = pretreat(x, "fourth-root")
    medium = {"n": 300, "p": 10, "X": floats(x), "trees": {}, "versions": meta}
    for score in ("pearson", "euclidean"):
        d = distances(pre, score)
        medium["trees"][score] = {m: {"Z": floats(linkage(d, m)), "cophenetic_correlation": float(cophenet(linkage(d, m), d)[0])} for m in METHODS}
    write("medium.json", medium)

    # ROC with heavy ties and KDE / likelihood-ratio densities.
    dl = np.round(rng.gamma(2.0, 2.0, size=80), 0)
    du = np.round(rng.normal(20, 5, size=400), 0)
    roc_ties = roc_block(dl, du)
    cont_l = rng.gamma(2.0, 1.5, size=150)
    cont_u = rng.normal(25, 6, size=900)
    grid = np.linspace(-5, 50, 56)
    write(
        "roc-kde.json",
        {
            "roc_ties": roc_ties,
            "roc_continuous": roc_block(cont_l, cont_u),
            "kde_linked": dict(kde_block(cont_l, grid), values=floats(cont_l)),
            "kde_unlinked": dict(kde_block(cont_u, grid), values=floats(cont_u)),
            "versions": meta,
        },
    )


def write(name, obj):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(path)} ({os.path.getsize(path) // 1024} KiB)")


if __name__ == "__main__":
    main()

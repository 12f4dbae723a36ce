#!/usr/bin/python3
"""scipy counterpart of bench/cluster.ts: 10,000 samples x 40 compounds, fourth root, Pearson (correlation)
pdist, average linkage, fcluster at 0.05 and cophenet. Prints the time per stage and peak RSS.

    /usr/bin/python3 scripts/golden/bench_scipy.py [samples] [compounds]
    /usr/bin/python3 scripts/golden/bench_scipy.py --csv <matrix.csv> [threshold]   (rows = samples, raw areas; bench/scale.ts)
"""
import resource
import sys
import time

import numpy as np
import scipy
from scipy.cluster.hierarchy import cophenet, fcluster, linkage
from scipy.spatial.distance import pdist


def make_samples(n, p, sources, seed):
    rng = np.random.default_rng(seed)
    profiles = np.exp(1.5 * rng.normal(size=(sources, p)))
    profiles[rng.uniform(size=profiles.shape) < 0.1] = 0.0
    src = rng.integers(0, sources, size=n)
    amount = 0.2 + 5 * rng.uniform(size=(n, 1))
    x = profiles[src] * np.exp(0.1 * rng.normal(size=(n, p))) * amount
    x[x < 0.05] = 0.0
    return x


def fourth_root(x):
    """N^1/4: each sample over the sum of its areas, then the fourth root (as shared/profiling/pretreatment.ts)."""
    s = x.sum(axis=1, keepdims=True)
    return np.sqrt(np.sqrt(np.divide(x, s, out=np.zeros_like(x), where=s > 0)))


def from_csv(path, threshold):
    """The same stages on a workspace's raw signature matrix, as `sigwb cluster` runs them (bench/scale.ts)."""
    rows = []

    def stage(name, fn):
        t0 = time.perf_counter()
        out = fn()
        rows.append((name, time.perf_counter() - t0))
        return out

    x = stage("read csv", lambda: np.loadtxt(path, delimiter=",", ndmin=2))

    pre = stage("pretreat (fourth root)", lambda: fourth_root(x))
    d = stage("distances (pearson)", lambda: pdist(pre, "correlation"))
    z = stage("linkage (average)", lambda: linkage(d, "average"))
    k = stage(f"cut (t = {threshold})", lambda: int(fcluster(z, threshold, "distance").max()))
    total = sum(s for name, s in rows if name != "read csv")
    print(f"bench_scipy: {x.shape[0]} samples x {x.shape[1]} compounds from {path}: pdist + linkage + fcluster {total:.3f} s; {k} classes")
    for name, s in rows:
        print(f"  {name:<26} {s:.3f} s")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--csv":
        from_csv(sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 0.01)
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    p = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    rows = []

    def stage(name, fn):
        t0 = time.perf_counter()
        out = fn()
        rows.append((name, time.perf_counter() - t0))
        return out

    x = stage("generate", lambda: make_samples(n, p, 60, 2024))

    pre = stage("pretreat (fourth root)", lambda: fourth_root(x))
    d = stage("distances (pearson)", lambda: pdist(pre, "correlation"))
    z = stage("linkage (average)", lambda: linkage(d, "average"))
    k = stage("cut (t = 0.05)", lambda: int(fcluster(z, 0.05, "distance").max()))
    c = stage("cophenetic correlation", lambda: cophenet(z, d)[0])
    print(f"bench_scipy: {n} samples x {p} compounds, {d.size:,} pairs (scipy {scipy.__version__}, numpy {np.__version__})")
    for name, s in rows:
        print(f"  {name:<26} {s:.3f} s")
    print(f"  {'total (without generate)':<26} {sum(s for _, s in rows[1:]):.3f} s")
    print(f"  classes at t = 0.05: {k}; cophenetic correlation: {c:.4f}")
    print(f"  peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()

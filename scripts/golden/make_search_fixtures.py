#!/usr/bin/python3
"""Golden fixtures for shared/linking/rate-bound.ts (the one-sided upper confidence bound of a false-link rate).

Run with Debian's interpreter (python3-scipy):
    /usr/bin/python3 scripts/golden/make_search_fixtures.py
Writes test/fixtures/linking/rate-bound.json. No randomness.

The reference is scipy's own: the Clopper-Pearson one-sided upper bound of k events among m trials at confidence c
is the c quantile of Beta(k + 1, m - k) (scipy.stats.beta.ppf); for k = 0 it is 1 - (1 - c)^(1/m) ("rule of three":
about 3/m at 95 %). Weighted (non-integer) counts are passed to the same quantile, as the workbench does for
contamination-corrected counts of different-source pairs. scipy.special.betainc gives the regularized incomplete
beta function at a few points, to check the function the quantile inverts.
"""
import json
import os

import scipy
from scipy.special import betainc
from scipy.stats import beta

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "fixtures", "linking")

cases = []
for m in [1, 10, 300, 3000, 30000, 250000, 3000000]:
    for k in [0, 0.4, 1, 2.5, 7, 30, 299, 2999.5]:
        if k >= m:
            continue
        for c in [0.95, 0.99]:
            cases.append({"k": k, "m": m, "confidence": c, "upper": float(beta.ppf(c, k + 1, m - k))})
incomplete = []
for x, a, b in [(0.5, 1, 1), (0.1, 2, 3), (0.001, 1, 30000), (0.9, 30, 2), (0.3, 0.5, 0.5), (1e-6, 3.5, 250000), (0.02, 600, 29400)]:
    incomplete.append({"x": x, "a": a, "b": b, "value": float(betainc(a, b, x))})
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "rate-bound.json"), "w") as f:
    json.dump({"scipy": scipy.__version__, "upper": cases, "incomplete_beta": incomplete}, f, indent=1)
    f.write("\n")
print(f"{len(cases)} bounds, {len(incomplete)} incomplete-beta values")

#!/usr/bin/python3
"""Golden fixtures for shared/lr (score-based likelihood ratios and their performance characteristics).

Run with Debian's interpreter (python3-sklearn):
    /usr/bin/python3 scripts/golden/make_lr_fixtures.py
Writes test/fixtures/lr/lr.json. Seeded (numpy default_rng(20261125)): re-running gives the same file for the same
library versions.

What is the reference's own result and what is written here from the definitions:
- PAV: sklearn.isotonic.IsotonicRegression(out_of_bounds='clip') with the prior-balancing weights of the LiR
  toolkit's IsotonicCalibrator (weight 1 − π for Hp, π for Hd, π = share of Hp): its kept points and predictions.
- Cllr_min: the Cllr of those PAV LRs fitted and applied on the same LRs (Brümmer & du Preez 2006, as LiR).
- Logistic calibration: sklearn.linear_model.LogisticRegression(class_weight='balanced', C=1, newton-cholesky).
- Cllr, ECE, rates of misleading evidence, the EER on the ROC convex hull (PAV blocks from
  sklearn.isotonic.isotonic_regression) and the ELUB bounds (Vergeer et al. 2016: expected cost against an
  uninformative system with one misleading LR added each side, thresholds k·0.01) are numpy from their definitions.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.isotonic import IsotonicRegression, isotonic_regression
from sklearn.linear_model import LogisticRegression

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "fixtures", "lr")


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def llr_of_probability(p):
    with np.errstate(divide="ignore"):
        return np.log10(p) - np.log10(1 - p)


def cllr(llr, y):
    hp, hd = llr[y == 1], llr[y == 0]
    with np.errstate(over="ignore"):
        return float(0.5 * (np.mean(np.log2(1 + 10.0 ** -hp)) + np.mean(np.log2(1 + 10.0 ** hd))))


def balanced_weights(y):
    prior = np.mean(y)
    return np.where(y == 1, 1 - prior, prior)


def pav_llrs(llr, y):
    ir = IsotonicRegression(out_of_bounds="clip")
    ir.fit(llr, y, sample_weight=balanced_weights(y))
    return llr_of_probability(ir.predict(llr))


def eer_rocch(score, y):
    ux, inverse = np.unique(score, return_inverse=True)
    ones = np.bincount(inverse, weights=(y == 1).astype(float))
    counts = np.bincount(inverse).astype(float)
    fitted = isotonic_regression(ones / counts, sample_weight=counts)
    starts = np.concatenate([[True], fitted[1:] != fitted[:-1]])
    block = np.cumsum(starts) - 1
    b1 = np.bincount(block, weights=ones)
    b0 = np.bincount(block, weights=counts - ones)
    n1, n0 = (y == 1).sum(), (y == 0).sum()
    pmiss = np.concatenate([[0.0], np.cumsum(b1) / n1])
    pfa = np.concatenate([[1.0], 1 - np.cumsum(b0) / n0])
    for k in range(len(b1)):
        if pmiss[k + 1] >= pfa[k + 1]:
            t = (pfa[k] - pmiss[k]) / (pmiss[k + 1] - pmiss[k] - (pfa[k + 1] - pfa[k]))
            return float(pmiss[k] + t * (pmiss[k + 1] - pmiss[k]))
    return float(pmiss[-1])


def ece(llr, y, priors):
    hp, hd = llr[y == 1], llr[y == 0]
    out = []
    for lo in priors:
        p = 1 / (1 + 10.0 ** -lo)
        out.append(p * np.mean(np.log2(1 + 10.0 ** -(hp + lo))) + (1 - p) * np.mean(np.log2(1 + 10.0 ** (hd + lo))))
    return floats(out)


def elub(llr, y, step=0.01, extreme=9.0):
    v = np.clip(llr, -extreme, extreme)
    hp, hd = v[y == 1], v[y == 0]
    llr_min = max(v.min(), -np.log10(len(hp) + 1))
    llr_max = min(v.max(), np.log10(len(hd) + 1))
    k_min = min(0, int(np.floor(llr_min / step)))
    k_max = max(0, int(np.floor(llr_max / step)) + 1)
    fail_low, fail_high = None, None
    for k in range(k_min, k_max + 1):
        rho = k * step
        theta = 10.0 ** rho
        system = 1 - (hp > rho).sum() / (len(hp) + 1) + theta * ((hd > rho).sum() + 1) / (len(hd) + 1)
        neutral = theta if 1 > theta else 1.0
        if neutral / system < 1:
            if k <= 0 and (fail_low is None or k > fail_low):
                fail_low = k
            if k >= 0 and (fail_high is None or k < fail_high):
                fail_high = k
    lower = k_min * step if fail_low is None else (fail_low + 1) * step
    upper = k_max * step if fail_high is None else (fail_high - 1) * step
    return float(min(lower, 0.0)), float(max(upper, 0.0))


def performance_block(llr, y):
    c = cllr(llr, y)
    cmin = cllr(pav_llrs(llr, y), y)
    priors = np.arange(-30, 31) * 0.1
    hp, hd = llr[y == 1], llr[y == 0]
    return {
        "llr": floats(llr),
        "label": [int(v) for v in y],
        "cllr": c,
        "cllr_min": cmin,
        "cllr_cal": c - cmin,
        "pav_llr": [None if not np.isfinite(v) else float(v) for v in pav_llrs(llr, y)],
        "pav_llr_inf": [0 if np.isfinite(v) else int(np.sign(v)) for v in pav_llrs(llr, y)],
        "eer": eer_rocch(llr, y),
        "misleading": {
            "hd_above_1": float(np.mean(hd > 0)),
            "hp_below_1": float(np.mean(hp < 0)),
            "hd_above_100": float(np.mean(hd > 2)),
            "hp_below_100": float(np.mean(hp < -2)),
        },
        "ece_priors": floats(priors),
        "ece": ece(llr, y, priors),
        "ece_reference": ece(np.zeros_like(llr), y, priors),
        "elub": list(elub(llr, y)),
    }


def pipeline_block(train_d, train_y, test_d):
    offset = 1e-6 * max(float(np.median(train_d[train_y == 0])), 5e-318)
    f_train = -np.log10(np.maximum(train_d, 0) + offset)
    f_test = -np.log10(np.maximum(test_d, 0) + offset)
    out = {"train_distance": floats(train_d), "train_label": [int(v) for v in train_y], "test_distance": floats(test_d), "offset": offset}
    # PAV with prior-balancing weights, LR = p / (1 − p), bounded by the ELUB of the training LRs.
    ir = IsotonicRegression(out_of_bounds="clip").fit(f_train, train_y, sample_weight=balanced_weights(train_y))
    lo, hi = elub(llr_of_probability(ir.predict(f_train)), train_y)
    out["pav"] = {
        "x": floats(ir.X_thresholds_),
        "y": floats(ir.y_thresholds_),
        "bounds": [lo, hi],
        "test_llr": floats(np.clip(llr_of_probability(ir.predict(f_test)), lo, hi)),
    }
    lr = LogisticRegression(class_weight="balanced", C=1.0, solver="newton-cholesky", tol=1e-12, max_iter=1000)
    lr.fit(f_train.reshape(-1, 1), train_y)
    a, b = float(lr.intercept_[0]), float(lr.coef_[0][0])
    lo, hi = elub((a + b * f_train) / np.log(10), train_y)
    out["logistic"] = {"intercept": a, "slope": b, "bounds": [lo, hi], "test_llr": floats(np.clip((a + b * f_test) / np.log(10), lo, hi))}
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261125)
    meta = {"numpy": np.__version__, "sklearn": sklearn.__version__, "python": sys.version.split()[0]}
    sets = {}

    def labelled(hp, hd):
        return np.concatenate([hp, hd]), np.concatenate([np.ones(len(hp), int), np.zeros(len(hd), int)])

    sets["overlap"] = labelled(rng.normal(1.5, 1.2, 400), rng.normal(-1.5, 1.2, 1600))
    sets["ties"] = labelled(np.round(rng.normal(1.0, 1.5, 60) * 2) / 2, np.round(rng.normal(-1.0, 1.5, 90) * 2) / 2)
    sets["separated"] = labelled(rng.uniform(1, 3, 50), rng.uniform(-3, -0.5, 200))
    sets["small"] = labelled(np.array([2.0, 0.7, -0.3, 1.1]), np.array([-1.2, 0.4, -2.5, -0.1, -0.9, 1.3]))
    llr, y = labelled(rng.normal(1.0, 1.0, 300), rng.normal(-1.0, 1.0, 700))
    sets["overconfident"] = (3 * llr + 0.5, y)
    performance = {name: performance_block(llr, y) for name, (llr, y) in sets.items()}

    # Pair distances as profiling gives them: linked pairs close, unlinked far, with 5 % same-source contamination,
    # ties from rounding, and a zero distance.
    def distances(n_l, n_u):
        dl = rng.gamma(2.0, 0.01, n_l)
        du = rng.gamma(3.0, 0.1, n_u)
        du[: n_u // 20] = rng.gamma(2.0, 0.012, n_u // 20)
        d, y = labelled(dl, du)
        d = np.round(d, 4)
        return d, y

    train_d, train_y = distances(300, 3000)
    test_d, _ = distances(200, 2000)
    test_d = np.concatenate([test_d, [0.0, 1e-9, 5.0, 50.0]])
    pipeline = pipeline_block(train_d, train_y, test_d)
    with open(os.path.join(OUT, "lr.json"), "w") as f:
        json.dump({"performance": performance, "pipeline": pipeline, "versions": meta}, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(os.path.join(OUT, 'lr.json'))}")


if __name__ == "__main__":
    main()

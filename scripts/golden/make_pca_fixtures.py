#!/usr/bin/python3
"""Golden fixture for the workspace PCA (shared/analysis/workspace-pca.ts) and its T² ellipse
(shared/profiling/hotelling.ts): peak areas of 40 samples from 4 sources, every compound detected (so that no
non-detect rule is involved), and what numpy/scipy/sklearn say of them:

- fourth-root pretreatment: each sample's share of its total target area, to the power 1/4 (Andersson et al. 2007);
- sklearn.decomposition.PCA (full SVD; sklearn < 1.5 sign rule: the largest |score| of each component positive):
  scores, components, explained variance (ddof = 1) and its ratio;
- the Hotelling T² limit on two components, A(n − 1)/(n − A) · F(0.95; A, n − A), with scipy.stats.f.ppf, for the n
  of the data and a few others.

Run with Debian's interpreter (python3-sklearn, python3-scipy):
    /usr/bin/python3 scripts/golden/make_pca_fixtures.py
Writes test/fixtures/analysis/pca-workspace.json. Seeded: re-running gives identical files for the same versions.
"""
import json
import pathlib

import numpy as np
import scipy
import sklearn
from scipy.stats import f
from sklearn.decomposition import PCA

COMPOUNDS = ["4-ANPP", "NPP", "norfentanyl", "acetylfentanyl", "aniline", "N-phenylpropanamide", "4-piperidone", "phenethyl alcohol"]
rng = np.random.default_rng(20261201)
sources = rng.lognormal(0.0, 1.0, size=(4, len(COMPOUNDS)))
rows = []
for s in range(4):
    for k in range(10):
        amount = rng.uniform(0.5, 3.0)
        rows.append(sources[s] * np.exp(rng.normal(0.0, 0.08, len(COMPOUNDS))) * amount * 1000.0)
areas = np.round(np.array(rows), 3)
sample_ids = [f"GS-{i + 1:03d}" for i in range(len(rows))]

shares = areas / areas.sum(axis=1, keepdims=True)
x = shares ** 0.25
model = PCA(svd_solver="full").fit(x)
scores = model.transform(x)
# sklearn < 1.5 flips signs so that the largest |U| entry of each component is positive (svd_flip on U): the same as
# the largest |score|. Make it explicit so that the fixture does not depend on the installed version.
for c in range(scores.shape[1]):
    i = int(np.argmax(np.abs(scores[:, c])))
    if scores[i, c] < 0:
        scores[:, c] *= -1
        model.components_[c] *= -1


def limit(n, level=0.95, a=2):
    return a * (n - 1) / (n - a) * f.ppf(level, a, n - a)


out = {
    "source": "scripts/golden/make_pca_fixtures.py",
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__},
    "compounds": COMPOUNDS,
    "sample_ids": sample_ids,
    "source_of_sample": [s for s in range(4) for _ in range(10)],
    "areas": areas.ravel().tolist(),
    "fourth_root": x.ravel().tolist(),
    "pca": {
        "n_components": int(scores.shape[1]),
        "scores": scores.ravel().tolist(),
        "components": model.components_.ravel().tolist(),
        "explained_variance": model.explained_variance_.tolist(),
        "explained_variance_ratio": model.explained_variance_ratio_.tolist(),
    },
    "t2_limit_95": {str(n): limit(n) for n in (3, 10, 40, 461, 10000)},
    "t2_limit_99": {str(n): limit(n, 0.99) for n in (10, 40)},
    "t2_pc1_pc2": (scores[:, 0] ** 2 / model.explained_variance_[0] + scores[:, 1] ** 2 / model.explained_variance_[1]).tolist(),
}
path = pathlib.Path(__file__).resolve().parents[2] / "test" / "fixtures" / "analysis" / "pca-workspace.json"
path.write_text(json.dumps(out, indent=1) + "\n")
print(path)

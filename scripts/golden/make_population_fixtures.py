#!/usr/bin/python3
"""Golden fixtures for pair populations (Popovic et al.'s population rules R1-R4), with numpy / scipy / scikit-learn.

    /usr/bin/python3 scripts/golden/make_population_fixtures.py                   synthetic workbook -> populations.json
    /usr/bin/python3 scripts/golden/make_population_fixtures.py <Profiles.xlsx>   also their workbook -> popovic-auc.json

The rules follow Popovic et al.'s public R code (PopovicAna/Prioritisation-of-analytical-techniques, commit 36e18e8,
Files/DataOptFunctions.R and Prioritisation-of-analytical-techniques.R), written here independently:
  R1  linked: same Group; unlinked: different Group.
  R2  linked: same Group, in Groups of 2-10 specimens; unlinked: pairs of specimens alone in their Group.
  R3  linked: same Group, PriR, Pre and PreR; unlinked: different Group, PriR, Pre and PreR. A pair with any of
      those empty is neither (R drops NA labels: na.omit / subset).
  R4  as R3, linked only in Groups of 2-10 specimens (the size of the Group, all its specimens counted).
Their variable selection: V04 removed (9 of the 10 GC-MS variables). Pretreatments: N = X / rowSums(X), N2R = N^0.5,
N4R = N^0.25. Scores: PCC = (1 - r) / 2 * 100 (monotone in the Pearson distance 1 - r, so the same ROC), EUC, MAN
(R's dist). AUC as pROC's roc(..., direction = ">")$auc: P(unlinked score > linked score) + half the ties, which is
sklearn's roc_auc_score with the negated distance. Canberra is left out: R's dist omits 0/0 terms and scales the sum
up to all columns, scipy (and the workbench) count them 0, so the two differ on profiles with absent compounds.

Their workbook carries no licence ("original data cannot be disseminated"; the workbook is the author's simulated
data): it is not committed. popovic-auc.json holds only the figures computed from it and its SHA-256.
"""
import hashlib
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter

import numpy as np
import scipy
import sklearn
from scipy.spatial.distance import pdist, squareform
from sklearn.metrics import roc_auc_score

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "fixtures", "profiling")
RULE_COLUMNS = ["Group", "PriR", "Pre", "PreR"]
PRETREATMENTS = {"n": 1.0, "sqrt": 0.5, "fourth-root": 0.25}
SCORES = {"pearson": "correlation", "euclidean": "euclidean", "manhattan": "cityblock"}


def rule_labels(rule, lookup):
    """{(i, j): 1 linked / 0 unlinked} over i < j, as DataOptFunctions.R labels them."""
    n = len(lookup)
    groups = [r["Group"] for r in lookup]
    size = Counter(groups)
    out = {}
    for i in range(n):
        for j in range(i + 1, n):
            same = groups[i] == groups[j]
            if rule == "R1":
                out[(i, j)] = 1 if same else 0
            elif rule == "R2":
                if same and 2 <= size[groups[i]] <= 10:
                    out[(i, j)] = 1
                elif size[groups[i]] == 1 and size[groups[j]] == 1:
                    out[(i, j)] = 0
            else:
                a = [lookup[i][c] for c in RULE_COLUMNS]
                b = [lookup[j][c] for c in RULE_COLUMNS]
                if any(v is None for v in a + b):
                    continue
                eq = [x == y for x, y in zip(a, b)]
                if all(eq) and (rule == "R3" or 2 <= size[groups[i]] <= 10):
                    out[(i, j)] = 1
                elif not any(eq):
                    out[(i, j)] = 0
    return out


def aucs(x, lookup):
    """AUC of every rule x pretreatment x score, with the pair counts."""
    rows = []
    n_over = x / x.sum(axis=1, keepdims=True)
    for rule in ["R1", "R2", "R3", "R4"]:
        labels = rule_labels(rule, lookup)
        ii = np.array([k[0] for k in labels])
        jj = np.array([k[1] for k in labels])
        y = np.array(list(labels.values()))
        for pre, power in PRETREATMENTS.items():
            v = n_over ** power
            for score, metric in SCORES.items():
                d = squareform(pdist(v, metric))[ii, jj]
                rows.append({"rule": rule, "pretreatment": pre, "score": score, "linked": int(y.sum()), "unlinked": int((y == 0).sum()), "auc": float(roc_auc_score(y, -d))})
    return rows


def read_xlsx(path):
    """Sheets of an XLSX as lists of {column letter: text} (the workbook is small; no openpyxl on Debian's python)."""
    z = zipfile.ZipFile(path)
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    shared = ["".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
    names = [s.attrib["name"] for s in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", ns)]
    sheets = {}
    for k, name in enumerate(names, start=1):
        rows = []
        for row in ET.fromstring(z.read(f"xl/worksheets/sheet{k}.xml")).find("m:sheetData", ns):
            cells = {}
            for c in row:
                v = c.find("m:v", ns)
                if v is not None:
                    cells[re.match(r"[A-Z]+", c.attrib["r"]).group()] = shared[int(v.text)] if c.attrib.get("t") == "s" else v.text
            rows.append(cells)
        sheets[name] = rows
    return sheets


def popovic(path):
    sheets = read_xlsx(path)
    head = sheets["Lookup"][0]
    lookup_by_id = {}
    for r in sheets["Lookup"][1:]:
        rec = {head[c]: (r.get(c) or None) for c in head}
        lookup_by_id[rec["Specimen"]] = rec
    gh = sheets["GCMS"][0]
    cols = [c for c in sorted(gh, key=lambda c: (len(c), c)) if c != "A"]
    names = [gh[c] for c in cols]
    keep = [k for k, name in enumerate(names) if name != "V04"]
    specimens = [r["A"] for r in sheets["GCMS"][1:]]
    x = np.array([[float(r.get(c, "0") or 0) for c in cols] for r in sheets["GCMS"][1:]])[:, keep]
    lookup = [lookup_by_id[s] for s in specimens]
    with open(path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    return {
        "source": "PopovicAna/Prioritisation-of-analytical-techniques, commit 36e18e8, Data/Profiles.xlsx (not committed: no licence)",
        "sha256": sha,
        "variables": [names[k] for k in keep],
        "specimens": len(specimens),
        "published": {"rule": "R4", "pretreatment": "fourth-root", "score": "pearson", "auc": 0.9731269},
        "aucs": aucs(x, lookup),
    }


def synthetic(seed=20251201):
    """A workbook of the same shape, seeded: 40 seizures of 1-12 specimens, routes with gaps, 10 variables."""
    rng = np.random.default_rng(seed)
    routes = ["P/I", "RA", "L", "Mixed"]
    precursors = ["EPH/PSE", "P2P", "Mixed"]
    precursor_routes = ["Synthetic", "Natural", "Phenylacetic acid"]
    lookup, rows = [], []
    for g in range(40):
        size = int(rng.choice([1, 1, 1, 2, 2, 3, 4, 5, 8, 12]))
        base = rng.gamma(1.5, 1.0, size=10) * (rng.random(10) < 0.75)
        pri, pre, prer = rng.choice(routes), rng.choice(precursors), rng.choice(precursor_routes)
        for s in range(size):
            spec = f"S_{len(lookup) + 1:03d}"
            # A seizure can hold specimens of another route (as G_158 does), and some fields are unknown.
            r = rng.choice(routes) if rng.random() < 0.15 else pri
            lookup.append({"Specimen": spec, "Group": f"G_{g + 1:03d}", "PriR": None if rng.random() < 0.2 else str(r), "Pre": None if rng.random() < 0.05 else str(pre), "PreR": str(prer)})
            v = base * np.exp(0.3 * rng.standard_normal(10)) * (rng.random(10) < 0.95)
            if v.sum() == 0:
                v[0] = 0.5
            rows.append(v)
    x = np.array(rows)
    keep = [k for k in range(10) if k != 3]
    return {
        "seed": seed,
        "variables": [f"V{k + 1:02d}" for k in range(10)],
        "lookup": lookup,
        "gcms": [[round(float(v), 6) for v in r] for r in x],
        "aucs": aucs(np.round(x, 6)[:, keep], lookup),
    }


def write(name, doc):
    doc["versions"] = {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__, "python": sys.version.split()[0]}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    write("populations.json", synthetic())
    if len(sys.argv) > 1:
        write("popovic-auc.json", popovic(sys.argv[1]))

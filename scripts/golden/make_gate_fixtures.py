#!/usr/bin/python3
"""Golden fixture for shared/attribution/route-gate.ts: the Wilson score lower bound of a route's held-out precision,
by scipy, written independently of the TypeScript.

Run with Debian's interpreter (python3-scipy):
    /usr/bin/python3 scripts/golden/make_gate_fixtures.py
Writes test/fixtures/attribution/gate.json. The gate's bound is one-sided 95 %: the lower end of scipy's two-sided 90 %
Wilson interval (scipy.stats.binomtest(k, n).proportion_ci(confidence_level=0.90, method='wilson')), and the
quantile is scipy.stats.norm.ppf(0.95).
"""
import json
import os

import scipy
from scipy.stats import binomtest, norm

CASES = [(0, 1), (1, 1), (6, 6), (9, 10), (12, 12), (17, 18), (18, 18), (18, 26), (36, 36), (35, 36), (50, 100), (97, 100), (1, 1000), (999, 1000)]


def main():
    out = {
        'generator': f'scripts/golden/make_gate_fixtures.py (scipy {scipy.__version__})',
        'z': float(norm.ppf(0.95)),
        'cases': [{'k': k, 'n': n, 'lower': float(binomtest(k, n).proportion_ci(confidence_level=0.90, method='wilson').low)} for k, n in CASES],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'fixtures', 'attribution', 'gate.json')
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(out, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()

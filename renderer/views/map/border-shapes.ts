/**
 * The U.S. side of the map, shipped with the app: the northern U.S. states (us-states.json: Natural Earth admin-1,
 * public domain, simplified by scripts/make-canada-shapes.mjs) and the land ports of entry on the Canada–U.S.
 * border (ports-of-entry.json: U.S. Bureau of Transportation Statistics, Border Crossing/Entry Data, public domain,
 * by scripts/make-ports-of-entry.mjs), projected as Canada's provinces are (canada-shapes.ts).
 */
import ports from './ports-of-entry.json';
import states from './us-states.json';
import { canadaBounds, project, type Province } from './canada-shapes';

export interface PortOfEntry {
  /** CBP port code. */
  code: string;
  name: string;
  state: string;
  /** Projected position, km. */
  at: [number, number];
}

interface ShapeFile {
  states: { id: string; name: string; centroid: number[]; rings: number[][] }[];
}

let statesCache: Province[] | null = null;
let portsCache: PortOfEntry[] | null = null;

/** The northern U.S. states, projected once. */
export function usStates(): Province[] {
  statesCache ??= (states as ShapeFile).states.map((s) => ({
    id: s.id,
    name: s.name,
    rings: s.rings.map((ring) => {
      const out = new Float64Array(ring.length);
      for (let k = 0; k < ring.length; k += 2) [out[k], out[k + 1]] = project(ring[k], ring[k + 1]);
      return out;
    }),
    centre: project(s.centroid[0], s.centroid[1]),
  }));
  return statesCache;
}

/** The land ports of entry on the Canada–U.S. border, projected once. */
export function portsOfEntry(): PortOfEntry[] {
  portsCache ??= (ports as { ports: { code: string; name: string; state: string; lon: number; lat: number }[] }).ports.map((p) => ({ code: p.code, name: p.name, state: p.state, at: project(p.lon, p.lat) }));
  return portsCache;
}

/** The source line the map prints under itself. */
export const BORDER_SOURCES = 'Shapes: Natural Earth (public domain). Ports of entry: U.S. Bureau of Transportation Statistics, Border Crossing/Entry Data (public domain).';

/** Bounds of Canada and the contiguous northern states (Alaska's west is left out, so that Canada keeps the room). */
export function mapBounds(): [number, number, number, number] {
  let [x0, y0, x1, y1] = canadaBounds();
  for (const s of usStates()) {
    if (s.id === 'AK') continue;
    for (const r of s.rings)
      for (let k = 0; k < r.length; k += 2) [x0, y0, x1, y1] = [Math.min(x0, r[k]), Math.min(y0, r[k + 1]), Math.max(x1, r[k]), Math.max(y1, r[k + 1])];
  }
  return [x0, y0, x1, y1];
}

/**
 * Seizures grouped per place for the map: one place per city (with its province) when coordinates may be shown,
 * else per province; each place knows its samples, seizures and class shares, and which other places share a
 * class with it (the lines the map draws between them). O(n) for n samples; O(P²) for the links of P places.
 */
import type { SamplePoints } from '../../data/sample-points';
import { project, provinceOf } from './canada-shapes';

export interface Place {
  key: string;
  name: string;
  /** Projected position (mean of its samples' positions), km. */
  x: number;
  y: number;
  /** Indices into the sample points. */
  samples: number[];
  seizures: number;
  /** Class id → samples, largest first; 0 for samples linked to no other (or no run). */
  classes: [number, number][];
}

export interface PlaceLink {
  a: number;
  b: number;
  /** Classes seen at both places. */
  classes: number[];
}

/** The places of the samples; `precise`: coordinates and cities may be shown (the redaction profile allows them). */
export function groupPlaces(data: SamplePoints, precise: boolean, linked: ReadonlySet<number>): { places: Place[]; unplaced: number } {
  const byKey = new Map<string, { name: string; sx: number; sy: number; samples: number[] }>();
  let unplaced = 0;
  for (let i = 0; i < data.ids.length; i++) {
    let at: [number, number];
    let key: string;
    let name: string;
    const province = provinceOf(data.region[i]);
    if (precise && data.lat[i] !== null && data.lon[i] !== null) {
      at = project(data.lon[i]!, data.lat[i]!);
      // A city's name with its province when known; otherwise its coordinates to 0.05° (about 5 km).
      key = data.city[i] ? `${data.city[i]}|${province?.id ?? data.region[i] ?? ''}` : `${(data.lat[i]! / 0.05).toFixed(0)},${(data.lon[i]! / 0.05).toFixed(0)}`;
      name = data.city[i] ? `${data.city[i]}${province ? `, ${province.id}` : data.region[i] ? `, ${data.region[i]}` : ''}` : `${data.lat[i]!.toFixed(2)}, ${data.lon[i]!.toFixed(2)}`;
    } else if (province) {
      at = province.centre;
      key = `province|${province.id}`;
      name = province.name;
    } else {
      unplaced++;
      continue;
    }
    const g = byKey.get(key) ?? byKey.set(key, { name, sx: 0, sy: 0, samples: [] }).get(key)!;
    g.sx += at[0];
    g.sy += at[1];
    g.samples.push(i);
  }
  const places: Place[] = [];
  for (const [key, g] of byKey) {
    const counts = new Map<number, number>();
    const seizures = new Set<string>();
    for (const i of g.samples) {
      const c = data.classId[i];
      const k = c !== null && linked.has(c) ? c : 0;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      seizures.add(data.seizureId[i] ?? `sample:${data.ids[i]}`);
    }
    places.push({
      key,
      name: g.name,
      x: g.sx / g.samples.length,
      y: g.sy / g.samples.length,
      samples: g.samples,
      seizures: seizures.size,
      classes: [...counts].sort((a, b) => (a[0] === 0 ? 1 : 0) - (b[0] === 0 ? 1 : 0) || b[1] - a[1] || a[0] - b[0]),
    });
  }
  places.sort((a, b) => b.samples.length - a.samples.length || a.key.localeCompare(b.key));
  return { places, unplaced };
}

/** Pairs of places that share at least one class (classes of two or more samples only). */
export function placeLinks(places: readonly Place[]): PlaceLink[] {
  const placesOf = new Map<number, number[]>();
  places.forEach((p, k) => {
    for (const [c] of p.classes) if (c !== 0) (placesOf.get(c) ?? placesOf.set(c, []).get(c)!).push(k);
  });
  const byPair = new Map<number, PlaceLink>();
  for (const [c, ps] of placesOf)
    for (let i = 0; i < ps.length; i++)
      for (let j = i + 1; j < ps.length; j++) {
        const key = ps[i] * places.length + ps[j];
        const link = byPair.get(key) ?? byPair.set(key, { a: ps[i], b: ps[j], classes: [] }).get(key)!;
        link.classes.push(c);
      }
  return [...byPair.values()];
}

/** Radius of a place's pie in screen pixels: area proportional to its samples, 5–26 px. */
export function pieRadius(samples: number, largest: number): number {
  return 5 + 21 * Math.sqrt(samples / Math.max(largest, 1));
}

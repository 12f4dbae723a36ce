/**
 * The generator's ground truth: sources (each a route and its own impurity profile), production batches
 * of each source (lognormal variation around the source), distributors (each its own cut recipe), and
 * cases of seizures across Canada. Every sample of a seizure comes from one production batch, cut by
 * the case's distributor; samples of a seizure differ only by within-batch noise. So pairs from one
 * seizure are linked, pairs from different cases mostly are not (some cases share a batch: the links an
 * analyst is looking for).
 *
 * Seizure-level variation (`spread.seizure`, off in the bundled set): each seizure shifts its batch's profile a
 * little (handling, storage, cutting of that exhibit), so samples of one seizure are closer to one another than to
 * samples of another seizure of the same batch. It draws from a random stream of its own, so that turning it on
 * changes no other draw (the same cases, seizures and samples, only their areas move).
 */
import { CUTS, EAST, FENTANYL, INTERNAL_STANDARD, LOD_AREA, MARKERS, ROUTES, SPREAD, UNKNOWN_PEAK, type Route } from './chemistry';
import { PLACES, QUEBEC, type Place } from './places';
import { Random } from './random';

export interface Peak {
  name: string;
  rt: number;
  /** Area in counts; null when below the detection limit. */
  area: number | null;
}

export interface Sample {
  sampleId: string;
  seizureId: string;
  caseId: string;
  source: string;
  route: Route;
  productionBatch: string;
  distributor: string;
  place: Place;
  agency: string;
  /** Days since 1970-01-01. */
  seizedOn: number;
  analysedOn: number;
  /** Minutes after midnight of the injection. */
  injectionMinute: number;
  form: 'powder' | 'tablet' | 'rock' | 'liquid';
  massG: number;
  purityPct: number;
  /** GC-MS: fentanyl, internal standard, route markers, sometimes an unknown peak. */
  peaks: Peak[];
  /** LC-MS screen of adulterants and diluents. */
  cuts: Peak[];
}

interface Source {
  id: string;
  route: Route;
  east: boolean;
  levels: Map<string, number | null>;
  unknownPeak: boolean;
}

interface Batch {
  id: string;
  source: Source;
  levels: Map<string, number | null>;
  start: number;
}

interface Distributor {
  id: string;
  east: boolean;
  recipe: { name: string; percent: number }[];
}

const DAY0 = Date.UTC(2024, 0, 15) / 86400000;
const SPAN_DAYS = 640;

function lognormal(rng: Random, sigma: number): number {
  return Math.exp(sigma * rng.normal());
}

function makeSources(rng: Random, n: number, spread: Spread): Source[] {
  return Array.from({ length: n }, (_, i) => {
    const route = ROUTES[i % ROUTES.length];
    const levels = new Map<string, number | null>();
    for (const m of MARKERS) {
      const r = m.routes[route];
      levels.set(m.name, r && rng.chance(r[1]) ? r[0] + spread.source * rng.normal() : null);
    }
    return { id: `SRC-${String(i + 1).padStart(2, '0')}`, route, east: i % 2 === 1, levels, unknownPeak: i === 4 };
  });
}

function makeBatches(rng: Random, sources: Source[], perSource: number, spread: Spread): Batch[] {
  return sources.flatMap((s) =>
    Array.from({ length: perSource }, (_, b) => ({
      id: `${s.id}/B${b + 1}`,
      source: s,
      start: DAY0 + Math.floor(((b + rng.next()) / perSource) * SPAN_DAYS * 0.8),
      levels: new Map([...s.levels].map(([k, v]) => [k, v === null ? null : v + spread.batch * rng.normal()])),
    })),
  );
}

function makeDistributors(rng: Random, n: number): Distributor[] {
  return Array.from({ length: n }, (_, i) => {
    const east = i % 2 === 1;
    const recipe = CUTS.filter((c) => rng.chance(east ? c.east : c.west)).map((c) => ({ name: c.name, percent: c.percent[0] + rng.next() * (c.percent[1] - c.percent[0]) }));
    return { id: `D-${String(i + 1).padStart(2, '0')}`, east, recipe };
  });
}

function peakArea(area: number, lod: number): number | null {
  return area < lod ? null : Math.round(area * 10) / 10;
}

/** Spread (log10 sd) at each level of the model; see chemistry.ts SPREAD. */
export type Spread = { source: number; batch: number; seizure: number; sample: number };

export interface WorldOptions {
  cases: number;
  /** Share of cases seized in Québec (written in the Québec lab's own files). */
  quebecShare: number;
  /** Sources (clandestine labs); default 9, 3 per route. */
  sources?: number;
  /** Production batches per source; default 4. */
  batchesPerSource?: number;
  /** Distributors; default 14. */
  distributors?: number;
  /** Spread at each level (log10 sd); default SPREAD of chemistry.ts (seizure 0: off). */
  spread?: Partial<Spread>;
  /** Detection limit in counts; default LOD_AREA (1,500). */
  lodArea?: number;
}

/** Generates the samples of `cases` cases, in seizure-date order. Deterministic for a seed. */
export function generateWorld(seed: number, opts: WorldOptions): Sample[] {
  const rng = new Random(seed);
  // A stream of its own for the seizure-level shifts: with them off, every other draw is as it always was.
  const seizureRng = new Random((seed ^ 0x5e12e) >>> 0);
  const spread: Spread = { ...SPREAD, ...opts.spread };
  const lod = opts.lodArea ?? LOD_AREA;
  const sources = makeSources(rng, opts.sources ?? 9, spread);
  const batches = makeBatches(rng, sources, opts.batchesPerSource ?? 4, spread);
  const distributors = makeDistributors(rng, opts.distributors ?? 14);
  const samples: Sample[] = [];
  let seizureNo = 0;
  const cases = Array.from({ length: opts.cases }, (_, c) => ({ c, day: DAY0 + Math.floor(rng.next() * SPAN_DAYS) })).sort((a, b) => a.day - b.day);
  for (const { c, day } of cases) {
    const quebec = rng.chance(opts.quebecShare);
    const place = rng.weighted(quebec ? QUEBEC : PLACES, (p) => p.weight);
    const east = EAST.has(place.region);
    const distributor = rng.pick(distributors.filter((d) => d.east === east));
    const caseId = `CASE-${new Date(day * 86400000).getUTCFullYear()}-${String(c + 1).padStart(4, '0')}`;
    // Batches on the market then, from sources that mostly supply this side of the country.
    const current = batches.filter((b) => day >= b.start && day < b.start + 200);
    const pool = current.length ? current : batches;
    const home = rng.weighted(pool, (b) => (b.source.east === east ? 4 : 1));
    const nSeizures = rng.int(1, 3);
    for (let z = 0; z < nSeizures; z++) {
      seizureNo++;
      const batch = z === 0 || rng.chance(0.6) ? home : rng.weighted(pool, (b) => (b.source.east === east ? 4 : 1));
      const seizedOn = day + rng.int(0, 20);
      const form = rng.weighted(['powder', 'tablet', 'rock', 'liquid'] as const, (f) => ({ powder: 75, tablet: 15, rock: 8, liquid: 2 })[f]);
      const agency = rng.pick(place.agencies);
      const basePurity = form === 'tablet' ? 2 : 14;
      const nSamples = rng.int(2, 5);
      const cut = distributor.recipe.filter(() => rng.chance(0.9));
      const shift = new Map(MARKERS.map((m) => [m.name, spread.seizure > 0 ? spread.seizure * seizureRng.normal() : 0]));
      for (let k = 0; k < nSamples; k++) {
        const purityPct = Math.min(85, Math.round(basePurity * lognormal(rng, 0.5) * 10) / 10);
        const fentArea = 4.0e6 * Math.pow(purityPct, 0.9) * lognormal(rng, 0.08);
        const peaks: Peak[] = [{ name: FENTANYL.name, rt: FENTANYL.rt, area: Math.round(fentArea) }, { name: INTERNAL_STANDARD.name, rt: INTERNAL_STANDARD.rt, area: Math.round(1.2e6 * lognormal(rng, 0.06)) }];
        for (const m of MARKERS) {
          const level = batch.levels.get(m.name);
          const area = level === null || level === undefined ? 0 : fentArea * Math.pow(10, level + (shift.get(m.name) ?? 0) + spread.sample * rng.normal());
          peaks.push({ name: m.name, rt: m.rt, area: peakArea(area, lod) });
        }
        if (batch.source.unknownPeak) peaks.push({ name: UNKNOWN_PEAK.name, rt: UNKNOWN_PEAK.rt, area: peakArea(fentArea * 0.004 * lognormal(rng, 0.2), lod) });
        const cuts = CUTS.map((c) => {
          const r = cut.find((x) => x.name === c.name);
          return { name: c.name, rt: 0, area: r ? peakArea(r.percent * 2.5e5 * lognormal(rng, 0.15), lod) : null };
        });
        samples.push({
          sampleId: '',
          seizureId: `EX-${String(seizureNo).padStart(5, '0')}`,
          caseId,
          source: batch.source.id,
          route: batch.source.route,
          productionBatch: batch.id,
          distributor: distributor.id,
          place,
          agency,
          seizedOn,
          analysedOn: seizedOn + rng.int(7, 60),
          injectionMinute: 8 * 60 + rng.int(0, 9 * 60),
          form,
          massG: Math.round((form === 'tablet' ? 0.11 * rng.int(1, 40) : 0.2 * lognormal(rng, 1.6)) * 1000) / 1000,
          purityPct,
          peaks,
          cuts,
        });
      }
    }
  }
  for (const [i, s] of samples.entries()) s.sampleId = `FS${String(new Date(s.seizedOn * 86400000).getUTCFullYear()).slice(2)}-${String(i + 1).padStart(5, '0')}`;
  return samples;
}

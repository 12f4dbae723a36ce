/**
 * A national collection for the scale benchmarks (never committed): by default 100,000 samples over three years, seized
 * in 9 provinces and at 12 Canada–U.S. land ports of entry, of two drugs, each profiled on 25 compounds. Ground truth
 * as in world.ts: sources (per drug) → production batches (lognormal spread around the source) → cases of one or more
 * seizures → samples of one batch. Sources run for a year or so and most of their cases stay in one region, some
 * reach others and the border: the links an analyst looks for.
 *
 * Written as the lab would send them: one metadata CSV (with a `Port of Entry` column, kept as x_port_of_entry) and
 * one long results CSV per month, so that the benchmark imports them through `sigwb import`.
 */
import { Random } from './random';

export interface NationalOptions {
  samples: number;
  seed: number;
  compounds: number;
  /** Production sources per drug. */
  sources: number;
}

export const NATIONAL_DEFAULTS: NationalOptions = { samples: 100_000, seed: 2027, compounds: 25, sources: 400 };

const PROVINCES: { region: string; city: string; lat: number; lon: number; agency: string; weight: number }[] = [
  { region: 'British Columbia', city: 'Vancouver', lat: 49.2827, lon: -123.1207, agency: 'RCMP E Division', weight: 18 },
  { region: 'Alberta', city: 'Calgary', lat: 51.0447, lon: -114.0719, agency: 'Calgary Police Service', weight: 12 },
  { region: 'Saskatchewan', city: 'Regina', lat: 50.4452, lon: -104.6189, agency: 'Regina Police Service', weight: 4 },
  { region: 'Manitoba', city: 'Winnipeg', lat: 49.8951, lon: -97.1384, agency: 'Winnipeg Police Service', weight: 5 },
  { region: 'Ontario', city: 'Toronto', lat: 43.6532, lon: -79.3832, agency: 'Toronto Police Service', weight: 28 },
  { region: 'Québec', city: 'Montréal', lat: 45.5019, lon: -73.5674, agency: 'Service de police de la Ville de Montréal', weight: 18 },
  { region: 'New Brunswick', city: 'Moncton', lat: 46.0878, lon: -64.7782, agency: 'RCMP J Division', weight: 3 },
  { region: 'Nova Scotia', city: 'Halifax', lat: 44.6488, lon: -63.5752, agency: 'Halifax Regional Police', weight: 4 },
  { region: 'Newfoundland and Labrador', city: "St. John's", lat: 47.5615, lon: -52.7126, agency: 'Royal Newfoundland Constabulary', weight: 2 },
];

/** Land ports of entry on the Canada–U.S. border (CBSA), in the provinces above. */
export const PORTS_OF_ENTRY: { port: string; region: string; lat: number; lon: number }[] = [
  { port: 'Pacific Highway', region: 'British Columbia', lat: 49.0036, lon: -122.7566 },
  { port: 'Douglas', region: 'British Columbia', lat: 49.0022, lon: -122.7347 },
  { port: 'Coutts', region: 'Alberta', lat: 48.9989, lon: -111.9594 },
  { port: 'North Portal', region: 'Saskatchewan', lat: 48.9994, lon: -102.5519 },
  { port: 'Emerson', region: 'Manitoba', lat: 49.0006, lon: -97.2378 },
  { port: 'Ambassador Bridge', region: 'Ontario', lat: 42.3117, lon: -83.0736 },
  { port: 'Blue Water Bridge', region: 'Ontario', lat: 42.9986, lon: -82.4231 },
  { port: 'Peace Bridge', region: 'Ontario', lat: 42.9067, lon: -78.9047 },
  { port: 'Queenston-Lewiston Bridge', region: 'Ontario', lat: 43.1536, lon: -79.0447 },
  { port: 'Lacolle', region: 'Québec', lat: 45.0097, lon: -73.3719 },
  { port: 'Stanstead', region: 'Québec', lat: 45.0058, lon: -72.0947 },
  { port: 'Woodstock', region: 'New Brunswick', lat: 46.1472, lon: -67.7806 },
];

const DRUGS = [
  { drug: 'fentanyl', share: 0.75 },
  { drug: 'methamphetamine', share: 0.25 },
];

const DAY0 = Date.UTC(2023, 0, 1) / 86_400_000;
const DAYS = 3 * 365;
const iso = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

export interface NationalFiles {
  metadata: string;
  /** One long results CSV per month, "YYYY-MM" → text, in month order. */
  results: Map<string, string>;
  samples: number;
}

/** Generates the collection (see the module doc). Deterministic for a seed; O(samples × compounds). */
export function generateNational(options: Partial<NationalOptions> = {}): NationalFiles {
  const o = { ...NATIONAL_DEFAULTS, ...options };
  const rng = new Random(o.seed);
  const compounds = Array.from({ length: o.compounds }, (_, c) => `Impurity ${String(c + 1).padStart(2, '0')}`);
  const sources = DRUGS.flatMap(({ drug }) =>
    Array.from({ length: o.sources }, () => {
      const profile = compounds.map(() => (rng.chance(0.15) ? null : -2.5 + 0.6 * rng.normal()));
      const start = DAY0 + Math.floor(rng.next() * (DAYS - 120));
      const home = rng.weighted(PROVINCES, (p) => p.weight);
      const batches = Array.from({ length: 3 }, () => profile.map((l) => (l === null ? null : l + 0.12 * rng.normal())));
      return { drug, start, home, batches };
    }),
  );
  const meta: string[] = ['Lab No,Seizure,Case,Seized on,Province,City,Lat,Lon,Form,Net Weight (g),Main Drug,Purity %,Agency,Port of Entry'];
  const months = new Map<string, string[]>();
  let n = 0;
  let caseNo = 0;
  let seizureNo = 0;
  while (n < o.samples) {
    const drug = rng.chance(DRUGS[0].share) ? DRUGS[0].drug : DRUGS[1].drug;
    const pool = sources.filter((s) => s.drug === drug);
    const src = pool[Math.floor(rng.next() * pool.length)];
    const day0 = Math.min(DAY0 + DAYS - 1, src.start + Math.floor(rng.next() * 400));
    caseNo++;
    const atBorder = rng.chance(0.08);
    const port = atBorder ? rng.pick(PORTS_OF_ENTRY) : null;
    const place = port ? PROVINCES.find((p) => p.region === port.region)! : rng.chance(0.75) ? src.home : rng.weighted(PROVINCES, (p) => p.weight);
    const seizures = rng.int(1, 3);
    for (let z = 0; z < seizures && n < o.samples; z++) {
      seizureNo++;
      const batch = rng.pick(src.batches);
      const day = Math.min(DAY0 + DAYS - 1, day0 + rng.int(0, 20));
      const per = rng.int(1, 4);
      for (let k = 0; k < per && n < o.samples; k++) {
        n++;
        const id = `N${String(n).padStart(6, '0')}`;
        meta.push([id, `EX-${seizureNo}`, `CASE-${caseNo}`, iso(day), place.region, port ? port.port : place.city, (port ?? place).lat, (port ?? place).lon, 'powder', (0.1 + rng.next() * 5).toFixed(3), drug, (5 + rng.next() * 40).toFixed(1), port ? 'CBSA' : place.agency, port ? port.port : ''].join(','));
        const month = iso(Math.min(DAY0 + DAYS - 1, day + rng.int(5, 30))).slice(0, 7);
        const lines = months.get(month) ?? [];
        const amount = 0.3 + 3 * rng.next();
        batch.forEach((level, c) => {
          const area = level === null ? 0 : 1e6 * amount * Math.pow(10, level + 0.04 * rng.normal());
          lines.push(`${id},${compounds[c]},${area < 1500 ? 'nd' : area.toFixed(1)}`);
        });
        months.set(month, lines);
      }
    }
  }
  const results = new Map([...months.keys()].sort().map((m) => [m, `Sample Name,Compound,Resp.\n${months.get(m)!.join('\n')}\n`]));
  return { metadata: meta.join('\n') + '\n', results, samples: n };
}

/**
 * A seeded, large data set for the browser benchmark: `samples` samples × `compounds` compounds as two files
 * a lab would import (sample metadata, long results: one row per sample and compound, 1,000,000 rows at the
 * default 10,000 × 100). Samples come from production sources with their own impurity profiles (lognormal
 * variation), several samples per seizure, several seizures per case, seized at Canadian places over two years;
 * about 30 % of areas fall under the detection limit and are written "nd".
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { mulberry32 } from '../../shared/profiling/util/rng';
import { PLACES } from '../../samples/generator/places';

export interface LargeData {
  metadata: string;
  results: string;
  samples: number;
  measurements: number;
}

/**
 * Writes metadata.csv and results.csv under `dir`. O(samples × compounds). `firstSample` numbers the ids (BX-000001
 * by default), so that a later batch written into another folder adds samples instead of replacing them.
 */
export async function writeLargeData(dir: string, samples = 10_000, compounds = 100, seed = 20261125, firstSample = 1): Promise<LargeData> {
  mkdirSync(dir, { recursive: true });
  const rng = mulberry32(seed);
  const normal = () => rng.nextNormal();
  const sources = Math.max(2, Math.round(samples / 250));
  const profiles = Array.from({ length: sources }, () => Float64Array.from({ length: compounds }, () => (rng.next() < 0.3 ? 0 : Math.exp(1.6 * normal()))));
  const names = Array.from({ length: compounds }, (_, c) => `Impurity RT ${(4 + (c * 16) / compounds).toFixed(3)}`);
  const meta = createWriteStream(path.join(dir, 'metadata.csv'));
  const res = createWriteStream(path.join(dir, 'results.csv'));
  meta.write('sample_id,seizure_id,case_id,seized_on,region,city,lat,lon,form,mass_g,main_drug,purity_pct,agency\n');
  res.write('sample_id,compound,area,rt_min,analysed_on\n');
  const day0 = Date.UTC(2024, 0, 1) / 86400000;
  let i = 0;
  let seizure = 0;
  let caseNo = 0;
  let measurements = 0;
  while (i < samples) {
    caseNo++;
    const place = PLACES[Math.floor(rng.next() * PLACES.length)];
    const source = Math.floor(rng.next() * sources);
    const day = day0 + Math.floor(rng.next() * 700);
    const seizures = 1 + Math.floor(rng.next() * 3);
    for (let z = 0; z < seizures && i < samples; z++) {
      seizure++;
      const src = rng.next() < 0.8 ? source : Math.floor(rng.next() * sources);
      const n = 1 + Math.floor(rng.next() * 4);
      const date = new Date((day + Math.floor(rng.next() * 15)) * 86400000).toISOString().slice(0, 10);
      const seizureShift = Float64Array.from({ length: compounds }, () => 0.08 * normal());
      for (let k = 0; k < n && i < samples; k++, i++) {
        const id = `BX-${String(firstSample + i).padStart(6, '0')}`;
        meta.write(`${id},EX-${String(seizure).padStart(6, '0')},CASE-${date.slice(0, 4)}-${String(caseNo).padStart(5, '0')},${date},${place.region},${place.city},${place.lat},${place.lon},powder,${(0.1 + rng.next() * 30).toFixed(2)},fentanyl,${(2 + rng.next() * 20).toFixed(1)},${place.agencies[0]}\n`);
        const amount = 2000 * (0.3 + 4 * rng.next());
        const lines: string[] = [];
        for (let c = 0; c < compounds; c++) {
          const base = profiles[src][c];
          const area = base * amount * Math.exp(seizureShift[c] + 0.05 * normal());
          lines.push(`${id},${names[c]},${area < 400 ? 'nd' : area.toFixed(1)},${(4 + (c * 16) / compounds).toFixed(3)},${date}`);
        }
        measurements += compounds;
        if (!res.write(lines.join('\n') + '\n')) await once(res, 'drain');
      }
    }
  }
  meta.end();
  res.end();
  await Promise.all([once(meta, 'finish'), once(res, 'finish')]);
  return { metadata: path.join(dir, 'metadata.csv'), results: path.join(dir, 'results.csv'), samples, measurements };
}

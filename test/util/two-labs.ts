/**
 * Two labs for the sharing tests: one generated national collection (samples/generator/national.ts: sources reach
 * several provinces and the ports of entry) split by region, the western provinces to lab A and the eastern ones to
 * lab B, each imported, calibrated and clustered in a workspace of its own. Lab B keeps a later batch of its samples
 * back, for linking at import after it has received or pulled lab A's profiles. Ground truth (the source of each
 * sample) is not needed: a cross-lab link is checked against the same distance computed here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateNational } from '../../samples/generator/national';
import { runCli } from './run-cli';

const WEST = new Set(['British Columbia', 'Alberta', 'Saskatchewan', 'Manitoba']);

export interface TwoLabs {
  a: string;
  b: string;
  /** Lab B's later results batch (CSV), not imported yet. */
  bLater: string;
  samples: { a: number; b: number; bLater: number };
}

/** Builds both workspaces under `dir` (see the module doc). */
export async function makeTwoLabs(dir: string, options: { samples?: number; sources?: number; compounds?: number; seed?: number } = {}): Promise<TwoLabs> {
  const files = generateNational({ samples: options.samples ?? 700, sources: options.sources ?? 12, compounds: options.compounds ?? 12, seed: options.seed ?? 7 });
  const [header, ...rows] = files.metadata.trim().split('\n');
  const labOf = new Map<string, 'a' | 'b'>();
  for (const r of rows) labOf.set(r.split(',')[0], WEST.has(r.split(',')[4]) ? 'a' : 'b');
  const results = [...files.results.values()].flatMap((t) => t.trim().split('\n').slice(1));
  const bIds = [...labOf].filter(([, l]) => l === 'b').map(([id]) => id);
  // Lab B's last fifth of samples (by id, i.e. by arrival) come in later.
  const later = new Set(bIds.slice(Math.floor(bIds.length * 0.8)));
  mkdirSync(path.join(dir, 'in'), { recursive: true });
  const write = (name: string, text: string): string => {
    const f = path.join(dir, 'in', name);
    writeFileSync(f, text);
    return f;
  };
  const meta = (lab: 'a' | 'b') => write(`metadata-${lab}.csv`, [header, ...rows.filter((r) => labOf.get(r.split(',')[0]) === lab)].join('\n') + '\n');
  const res = (name: string, keep: (id: string) => boolean) => write(name, ['Sample Name,Compound,Resp.', ...results.filter((l) => keep(l.split(',')[0]))].join('\n') + '\n');
  const out: TwoLabs = {
    a: path.join(dir, 'lab-a'),
    b: path.join(dir, 'lab-b'),
    bLater: res('results-b-later.csv', (id) => later.has(id)),
    samples: { a: rows.length - bIds.length, b: bIds.length - later.size, bLater: later.size },
  };
  for (const [lab, ws, resultFile] of [
    ['a', out.a, res('results-a.csv', (id) => labOf.get(id) === 'a')],
    ['b', out.b, res('results-b.csv', (id) => labOf.get(id) === 'b' && !later.has(id))],
  ] as const) {
    await expectOk(runCli('init', ws, '--name', `Lab ${lab.toUpperCase()}`));
    await expectOk(runCli('import', '-w', ws, meta(lab), resultFile));
    await expectOk(runCli('calibrate', '-w', ws));
    await expectOk(runCli('cluster', '-w', ws, '--out', path.join(dir, `classes-${lab}.csv`)));
  }
  return out;
}

async function expectOk(run: Promise<{ code: number; out: string; err: string }>): Promise<string> {
  const r = await run;
  if (r.code !== 0) throw new Error(`sigwb failed (${r.code}): ${r.err}\n${r.out}`);
  return r.out;
}

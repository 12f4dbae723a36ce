/**
 * `npm run bench -- fuzz`: 320 seeded mutations of the sample files imported one by one (test/util/fuzz-import.ts) in a
 * child process; a file that takes over 30 s is a hang (the child is killed, the file counted, the run goes on after
 * it). Prints the counts the issue asks for: unexpected errors, hangs, unclear or unlocated problems, workspace
 * changes on refusal; and the slowest files. Seed and count: SIGWB_FUZZ_SEED (default 20261201), SIGWB_FUZZ_COUNT.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { FuzzResult } from '../test/util/fuzz-import';

const HANG_MS = 30_000;
const here = path.dirname(new URL(import.meta.url).pathname);

interface Row extends FuzzResult {
  index: number;
  bytes: number;
}

/** Runs the child from `from`; resolves with its results and the index it hung on (or null). */
function runChild(seed: number, count: number, from: number, results: Row[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(here, '..', 'bin', 'run-ts.mjs'), path.join(here, 'fuzz-child.ts'), String(seed), String(count), String(from)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let current = from;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let hung: number | null = null;
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        hung = current;
        child.kill('SIGKILL');
      }, HANG_MS);
    };
    let buffer = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += String(d);
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('START ')) {
          current = Number(line.slice(6));
          arm();
        } else if (line.startsWith('RESULT ')) {
          results.push(JSON.parse(line.slice(7)) as Row);
        }
      }
    });
    child.on('close', () => {
      if (timer) clearTimeout(timer);
      resolve(hung);
    });
  });
}

export async function benchFuzz(): Promise<void> {
  const seed = Number(process.env.SIGWB_FUZZ_SEED ?? 20261201);
  const count = Number(process.env.SIGWB_FUZZ_COUNT ?? 320);
  const results: Row[] = [];
  const hangs: number[] = [];
  const t0 = performance.now();
  let from = 0;
  while (from < count) {
    const hung = await runChild(seed, count, from, results);
    if (hung === null) break;
    hangs.push(hung);
    from = hung + 1;
  }
  const by = (s: FuzzResult['status']) => results.filter((r) => r.status === s).length;
  const unexpected = results.filter((r) => r.status === 'unexpected-error');
  const unclear = results.filter((r) => r.unclear.length > 0);
  const changed = results.filter((r) => r.status !== 'imported' && r.changed.length > 0);
  console.log(`fuzz: seed ${seed}, ${count} files (${results.length} judged), ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  console.log(`  outcomes: ${by('imported')} imported, ${by('refused')} refused, ${by('duplicate')} duplicate`);
  console.log(`  unexpected errors: ${unexpected.length}`);
  console.log(`  hangs over ${HANG_MS / 1000} s: ${hangs.length}${hangs.length ? ` (files ${hangs.join(', ')})` : ''}`);
  console.log(`  refusals with an unclear or unlocated problem: ${unclear.length}`);
  console.log(`  workspace changes on refusal: ${changed.length}`);
  const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(`  slowest: ${slowest.map((r) => `${r.name} ${(r.ms / 1000).toFixed(1)} s (${(r.bytes / 1024).toFixed(0)} KB)`).join('; ')}`);
  const mutations = new Map<string, number>();
  for (const r of results) mutations.set(r.mutation, (mutations.get(r.mutation) ?? 0) + 1);
  console.log(`  mutations: ${[...mutations].map(([m, n]) => `${m} ${n}`).join(', ')}`);
  for (const r of unexpected) console.log(`  UNEXPECTED ${r.name}: ${r.error?.split('\n').slice(0, 3).join(' | ')}`);
  for (const r of unclear.slice(0, 20)) console.log(`  UNCLEAR ${r.name}: ${r.unclear.slice(0, 3).join('; ')}`);
  for (const r of changed) console.log(`  CHANGED ${r.name}: ${r.changed.join(', ')}`);
  if (unexpected.length || hangs.length || unclear.length || changed.length || results.length + hangs.length < count) process.exitCode = 1;
}

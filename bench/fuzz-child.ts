/**
 * The child side of `npm run bench -- fuzz`: imports fuzzed files `from`… of the seeded list, printing a START line
 * before each and a RESULT line (JSON) after, so that the parent can name a file that hangs and go on after it.
 */
import path from 'node:path';
import { fuzzFiles } from '../samples/generator/mutations';
import { FuzzWorkspace, fuzzOne } from '../test/util/fuzz-import';

const [seed, count, from] = process.argv.slice(2).map(Number);
const files = fuzzFiles(path.resolve(import.meta.dirname, '../samples'), count, seed);
const w = new FuzzWorkspace();
await w.fresh();
for (let i = from; i < files.length; i++) {
  process.stdout.write(`START ${i}\n`);
  const r = await fuzzOne(w, files[i]);
  process.stdout.write(`RESULT ${JSON.stringify({ index: i, bytes: files[i].bytes.length, ...r })}\n`);
}
await w.close();

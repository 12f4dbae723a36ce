/** What sigwb prints is safe for a terminal, and a reader that goes away ends the output quietly (issue 14). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';
import { processIo } from '../../../cli/terminal';

const temp = tempDir('sigwb-terminal-');
const ws = path.join(temp.dir, 'ws');
const BIN = path.resolve(__dirname, '../../../bin/sigwb.mjs');
const ESC = '\u001b';

beforeAll(async () => {
  expect((await runCli('init', ws)).code).toBe(0);
  const csv = `Sample Name,Compound,Area\nFS25-${ESC}[2J${ESC}]0;pwned\u0007x,Fentanyl,100\nFS25-\u202e10000,Fentanyl,200\nFS25-\u009b31m,Fentanyl,300\n`;
  writeFileSync(path.join(temp.dir, 'hostile.csv'), csv);
}, 30_000);
afterAll(() => temp.cleanup());

describe('terminal output', () => {
  it('shows control, escape and direction-changing characters of values escaped, in messages and in query results', async () => {
    const imported = await runCli('import', '--workspace', ws, path.join(temp.dir, 'hostile.csv'));
    expect(imported.code).toBe(0);
    const q = await runCli('query', '--workspace', ws, 'SELECT DISTINCT sample_id FROM measurements ORDER BY 1');
    expect(q.code).toBe(0);
    expect(q.out).toBe('sample_id\nFS25-[U+001B][2J[U+001B]]0;pwned[U+0007]x\nFS25-[U+009B]31m\nFS25-[U+202E]10000\n');
    const j = await runCli('query', '--workspace', ws, '--format', 'json', "SELECT sample_id FROM samples WHERE sample_id LIKE '%10000'");
    expect(JSON.parse(j.out)).toEqual([{ sample_id: 'FS25-[U+202E]10000' }]);
    // eslint-disable-next-line no-control-regex -- the test looks for raw control characters
    for (const text of [q.out, j.out, imported.out, imported.err]) expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('ends quietly when the reader closes the pipe (sigwb … | head): no EPIPE stack, exit 0', async () => {
    const child = spawn(process.execPath, [BIN, 'query', '--workspace', ws, 'SELECT * FROM range(300000)'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    // Read the first chunk, then close the pipe as head does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
    // The first run may compile the CLI (bin/sigwb.mjs rebuilds dist-cli/ when a source is newer): room for that on a loaded machine.
  }, 180_000);

  it('stops writing to a stream whose reader has gone, without throwing', () => {
    let written = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        written += String(chunk);
        done();
      },
    }) as unknown as NodeJS.WriteStream;
    const io = processIo(sink, sink);
    io.out('first\n');
    sink.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(() => io.out('second\n')).not.toThrow();
    expect(written).toBe('first\n');
  });
});

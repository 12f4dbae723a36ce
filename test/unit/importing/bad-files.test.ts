/** Every file in samples/bad/ is refused with the problems samples/bad/EXPECTED.json states, and nothing is written. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SAMPLES_DIR, expectStatus, sampleFile, testWorkspace } from './harness';
import type { BadFile } from '../../../samples/generator/bad-files';

const expected = JSON.parse(readFileSync(path.join(SAMPLES_DIR, 'bad', 'EXPECTED.json'), 'utf8')) as BadFile[];

describe('samples/bad', () => {
  it('holds a file for each kind of bad input', () => {
    expect(expected.length).toBeGreaterThanOrEqual(20);
  });

  it.each(expected.map((e) => [e.file, e] as const))('%s is refused with its expected problems', async (file, spec) => {
    const t = await testWorkspace();
    const before = t.snapshot();
    const o = expectStatus(await t.importBytes(file, sampleFile(`bad/${file}`)), 'refused');
    expect(o.problemCount, JSON.stringify(o.problems)).toBe(spec.problemCount);
    for (const p of spec.problems) {
      expect(o.problems, `${file}: ${p.reason}`).toContainEqual(expect.objectContaining({ file, line: p.line, column: p.column, reason: expect.stringContaining(p.reason) }));
    }
    expect(t.snapshot()).toEqual(before);
  });
});
